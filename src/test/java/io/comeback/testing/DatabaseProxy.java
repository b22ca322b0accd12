package io.comeback.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the service and the test PostgreSQL that a test can cut, as a database crash or a network
 * partition would: {@link #cut()} closes every open connection and refuses new ones (each is closed as soon as it
 * is accepted), {@link #restore()} relays again. Nothing about the database itself changes.
 * <p>
 * The test profile and the test class see this class through different class loaders, each with its own statics,
 * so the one relay of the JVM is found through two system properties (strings): the JDBC URL through it, and a
 * loopback control port that takes {@code cut} and {@code restore} and answers once it has done so.
 */
public final class DatabaseProxy {

    private static final String URL_PROPERTY = "comeback.test.database-proxy.url";
    private static final String CONTROL_PROPERTY = "comeback.test.database-proxy.control-port";

    private final ServerSocket listener;
    private final ServerSocket control;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private DatabaseProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.control = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        daemon("database-proxy", this::acceptLoop);
        daemon("database-proxy-control", this::controlLoop);
    }

    /** The JDBC URL of the test database through the JVM's one relay, started on first use. */
    public static String proxiedJdbcUrl() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url != null) {
                return url;
            }
            URI target = URI.create(jdbcUrl().substring("jdbc:".length()));
            DatabaseProxy proxy;
            try {
                proxy = new DatabaseProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the database proxy", e);
            }
            url = "jdbc:postgresql://127.0.0.1:" + proxy.listener.getLocalPort() + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            System.setProperty(CONTROL_PROPERTY, String.valueOf(proxy.control.getLocalPort()));
            System.setProperty(URL_PROPERTY, url);
            return url;
        }
    }

    /** Closes every relayed connection and refuses new ones, until {@link #restore()}. */
    public static void cut() {
        command("cut");
    }

    public static void restore() {
        command("restore");
    }

    private static void command(String command) {
        String port = System.getProperty(CONTROL_PROPERTY);
        if (port == null) {
            throw new IllegalStateException("no database proxy runs in this JVM; use DatabaseOutageProfile");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
            socket.setSoTimeout(10_000);
            new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII).println(command);
            String answer = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (!"done".equals(answer)) {
                throw new IllegalStateException("database proxy answered " + answer + " to " + command);
            }
        } catch (IOException e) {
            throw new IllegalStateException("database proxy control failed", e);
        }
    }

    /** What deploy/test.sh exports, or the default of application.properties. */
    private static String jdbcUrl() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/comeback" : url;
    }

    private void controlLoop() {
        while (true) {
            try (Socket socket = control.accept()) {
                String command = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                synchronized (this) {
                    if ("cut".equals(command)) {
                        cut = true;
                        for (Socket relayed : open) {
                            closeQuietly(relayed);
                        }
                        open.clear();
                    } else if ("restore".equals(command)) {
                        cut = false;
                    }
                }
                new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII).println("done");
            } catch (IOException e) {
                // a broken control connection: wait for the next
            }
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket server = cut ? null : new Socket(targetHost, targetPort);
                synchronized (this) { // a cut either sees this connection in open or is seen by it here
                    if (cut) {
                        closeQuietly(client);
                        if (server != null) {
                            closeQuietly(server);
                        }
                        continue;
                    }
                    open.add(client);
                    open.add(server);
                }
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        daemon("database-proxy-pipe", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
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
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
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
