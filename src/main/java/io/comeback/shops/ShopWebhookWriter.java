package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Stores verified deliveries before they are answered, each once by its delivery key, with group commit: deliveries
 * arriving while the previous group is written queue up and are written by one thread in one statement and one
 * transaction (one flush to disk for the group). A request is answered after its group committed, durably, so a 200
 * means the delivery is on disk: the shop never has to send it again, and when it does (a retry whose answer it
 * lost) it is recognised and dropped. Under light load a group is one delivery and nothing waits.
 */
@ApplicationScoped
public class ShopWebhookWriter {

    private static final Logger LOG = Logger.getLogger(ShopWebhookWriter.class);

    private static final String INSERT = """
            INSERT INTO shop_webhooks (platform, delivery_key, topic, body, received_at, next_attempt_at)
            VALUES %s
            ON CONFLICT (platform, delivery_key) DO NOTHING
            RETURNING platform, delivery_key""";

    /** Whether the delivery was stored now, or had been before. */
    public enum Stored {
        NEW,
        DUPLICATE
    }

    private record Pending(ShopDelivery delivery, CompletableFuture<Stored> answer) {}

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final ShopWebhookWorkers workers;
    private final int maxGroup;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    public ShopWebhookWriter(
            AgroalDataSource dataSource, Clock clock, ShopWebhookWorkers workers, ShopWebhooksConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.workers = workers;
        this.maxGroup = config.writeBatchSize();
    }

    public CompletableFuture<Stored> submit(ShopDelivery delivery) {
        startWriter();
        CompletableFuture<Stored> answer = new CompletableFuture<>();
        if (stopping) {
            answer.completeExceptionally(new IllegalStateException("the service is stopping"));
            return answer;
        }
        queue.add(new Pending(delivery, answer));
        return answer;
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread thread = new Thread(this::writeLoop, "shop-webhook-writer");
                    thread.setDaemon(true);
                    thread.start();
                    writer = thread;
                }
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>(maxGroup);
        while (!stopping) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, maxGroup - 1);
            try {
                Set<String> stored = write(group);
                Set<String> answered = new HashSet<>();
                for (Pending p : group) {
                    String key =
                            key(p.delivery().platform().wire(), p.delivery().deliveryKey());
                    // The first of two equal deliveries in one group is the one stored.
                    p.answer().complete(stored.contains(key) && answered.add(key) ? Stored.NEW : Stored.DUPLICATE);
                }
                if (!stored.isEmpty()) {
                    workers.nudge();
                }
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "Storing %d shop webhook deliveries failed", group.size());
                group.forEach(p -> p.answer().completeExceptionally(e));
            }
            group.clear();
        }
        // Whatever is left gets an error: the shop sends it again.
        Pending left;
        while ((left = queue.poll()) != null) {
            left.answer().completeExceptionally(new IllegalStateException("the service is stopping"));
        }
    }

    /** One statement, one transaction; returns the keys stored now. */
    private Set<String> write(List<Pending> group) throws SQLException {
        Instant now = clock.instant();
        String rows = String.join(", ", java.util.Collections.nCopies(group.size(), "(?, ?, ?, ?, ?, ?)"));
        Set<String> stored = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(INSERT.formatted(rows))) {
            int i = 0;
            for (Pending p : group) {
                ShopDelivery d = p.delivery();
                st.setString(++i, d.platform().wire());
                st.setString(++i, d.deliveryKey());
                st.setString(++i, d.topic());
                st.setBytes(++i, d.body());
                Jdbc.setInstant(st, ++i, now);
                Jdbc.setInstant(st, ++i, now);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return stored;
    }

    private static String key(String platform, String deliveryKey) {
        return platform + '\n' + deliveryKey;
    }
}
