package io.comeback.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the service and the test PostgreSQL that a test can cut, as a database crash or a network
 * partition would: {@link #cut()} closes every open connection and refuses new ones (each is closed as soon as it
 * is accepted), {@link #restore()} relays again. Nothing about the database itself changes.
 */
public final class DatabaseProxy {

    private static DatabaseProxy instance;

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private DatabaseProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "database-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The one proxy of this test JVM, relaying to the database the test run uses. */
    public static synchronized DatabaseProxy instance() {
        if (instance == null) {
            URI target = URI.create(jdbcUrl().substring("jdbc:".length()));
            try {
                instance = new DatabaseProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the database proxy", e);
            }
        }
        return instance;
    }

    /** The JDBC URL of the test database, with the proxy in place of PostgreSQL's host and port. */
    public String proxiedJdbcUrl() {
        URI target = URI.create(jdbcUrl().substring("jdbc:".length()));
        return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** What deploy/test.sh exports, or the default of application.properties. */
    private static String jdbcUrl() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/comeback" : url;
    }

    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "database-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
