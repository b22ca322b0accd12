package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.GroupCommitWriter;
import io.comeback.support.GroupCommitWriter.Waiting;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Stores verified deliveries before they are answered, each once by its delivery key, with group commit
 * ({@link GroupCommitWriter}): deliveries arriving while the previous group is written queue up and are written by
 * one thread in one statement and one transaction (one flush to disk for the group). A request is answered after its
 * group committed, durably, so a 200 means the delivery is on disk: the shop never has to send it again, and when it
 * does (a retry whose answer it lost) it is recognised and dropped. Under light load a group is one delivery and
 * nothing waits.
 */
@ApplicationScoped
public class ShopWebhookWriter {

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

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final ShopWebhookWorkers workers;
    private final GroupCommitWriter<ShopDelivery, Stored> writer;

    public ShopWebhookWriter(
            AgroalDataSource dataSource, Clock clock, ShopWebhookWorkers workers, ShopWebhooksConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.workers = workers;
        this.writer = new GroupCommitWriter<>(
                "shop-webhook-writer", "shop webhook deliveries", config.writeBatchSize(), this::storeAndAnswer);
    }

    public CompletableFuture<Stored> submit(ShopDelivery delivery) {
        return writer.submit(delivery);
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.stop();
    }

    private void storeAndAnswer(List<Waiting<ShopDelivery, Stored>> group) throws SQLException {
        Set<String> stored = write(group);
        Set<String> answered = new HashSet<>();
        for (Waiting<ShopDelivery, Stored> w : group) {
            String key = key(w.item().platform().wire(), w.item().deliveryKey());
            // The first of two equal deliveries in one group is the one stored.
            w.answer().complete(stored.contains(key) && answered.add(key) ? Stored.NEW : Stored.DUPLICATE);
        }
        if (!stored.isEmpty()) {
            workers.nudge();
        }
    }

    /** One statement, one transaction; returns the keys stored now. */
    private Set<String> write(List<Waiting<ShopDelivery, Stored>> group) throws SQLException {
        Instant now = clock.instant();
        String rows = String.join(", ", java.util.Collections.nCopies(group.size(), "(?, ?, ?, ?, ?, ?)"));
        Set<String> stored = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(INSERT.formatted(rows))) {
            int i = 0;
            for (Waiting<ShopDelivery, Stored> w : group) {
                ShopDelivery d = w.item();
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
