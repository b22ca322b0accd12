package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.pacing.PacingSettings;
import io.comeback.messaging.pacing.SenderBuckets;
import io.comeback.support.Jdbc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The state of the queues as Prometheus gauges, read from the database when scraped (at most once per
 * {@code comeback.metrics.queue-gauges.max-age} whatever the number of scrapers), so every replica reports the same cluster-wide values:
 * the text backlog, how late the oldest due text and enrollment are, the oldest text in doubt (unknown), the
 * slowest sender's pacing factor, and whether the database answers at all. Each value is read with the indexes
 * the dispatcher and wake-up workers use, so a scrape costs a few index probes, not a table scan.
 */
@ApplicationScoped
@Startup
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class);
    // Counting stops here: past it the backlog is "very large" and counting it on every scrape would cost.
    private static final int COUNT_CAP = 1_000_000;

    private static final String READ = """
            SELECT (SELECT count(*) FROM (SELECT 1 FROM outbound_messages WHERE status = 'pending' LIMIT %d) p),
                   (SELECT min(not_before) FROM outbound_messages WHERE status = 'pending' AND not_before <= ?),
                   (SELECT count(*) FROM outbound_messages WHERE status IN ('dispatching', 'unknown') AND status = 'unknown'),
                   (SELECT min(status_at) FROM outbound_messages WHERE status IN ('dispatching', 'unknown') AND status = 'unknown'),
                   (SELECT count(*) FROM (SELECT 1 FROM enrollments WHERE next_wake_at IS NOT NULL AND next_wake_at <= ? LIMIT %d) d),
                   (SELECT min(next_wake_at) FROM enrollments WHERE next_wake_at IS NOT NULL),
                   (SELECT coalesce(min(pacing_factor(factor, slowed_at, ?, ?, ?, ?)), 1) FROM sender_buckets)
            """.formatted(COUNT_CAP, COUNT_CAP);

    /** One reading; ages in seconds, 0 when nothing waits. */
    record Reading(
            boolean databaseUp,
            double pending,
            double pendingOverdueSeconds,
            double unknown,
            double unknownOldestSeconds,
            double enrollmentsDue,
            double enrollmentsLagSeconds,
            double slowestPacingFactor) {
        static final Reading DOWN =
                new Reading(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final PacingSettings.SlowDown slowDown;
    private final Duration maxAge;
    private Reading last = Reading.DOWN;
    private Instant readAt;

    public QueueGauges(
            AgroalDataSource dataSource,
            Clock clock,
            SenderBuckets buckets,
            MeterRegistry metrics,
            QueueGaugesConfig config) {
        this.dataSource = dataSource;
        this.maxAge = config.maxAge();
        this.clock = clock;
        this.slowDown = buckets.settings().slowDown();
        gauge(
                metrics,
                "comeback.database.up",
                "1 while the database answers, 0 when it cannot be reached",
                r -> r.databaseUp() ? 1 : 0);
        gauge(
                metrics,
                "comeback.texts.pending",
                "texts waiting to be handed to the gateway (counted up to a million)",
                Reading::pending);
        gauge(
                metrics,
                "comeback.texts.pending.overdue.seconds",
                "how long the oldest due text has waited past its time",
                Reading::pendingOverdueSeconds);
        gauge(
                metrics,
                "comeback.texts.unknown",
                "texts whose hand-over is in doubt, waiting for reconciliation",
                Reading::unknown);
        gauge(
                metrics,
                "comeback.texts.unknown.oldest.seconds",
                "age of the oldest text in doubt",
                Reading::unknownOldestSeconds);
        gauge(
                metrics,
                "comeback.enrollments.due",
                "enrollments due now and not yet woken (counted up to a million)",
                Reading::enrollmentsDue);
        gauge(
                metrics,
                "comeback.enrollments.lag.seconds",
                "how long the oldest due enrollment has waited past its time",
                Reading::enrollmentsLagSeconds);
        gauge(
                metrics,
                "comeback.pacing.rate.factor.min",
                "share of its configured rate the slowest sender may use now (1 = full rate)",
                Reading::slowestPacingFactor);
    }

    private void gauge(MeterRegistry metrics, String name, String description, ToDoubleFunction<Reading> value) {
        Gauge.builder(name, this, g -> value.applyAsDouble(g.reading()))
                .description(description)
                .register(metrics);
    }

    /** The last reading while it is younger than the max age, else a new one. */
    synchronized Reading reading() {
        Instant now = Instant.now();
        if (readAt == null || Duration.between(readAt, now).compareTo(maxAge) >= 0) {
            last = read();
            readAt = now;
        }
        return last;
    }

    private Reading read() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(READ)) {
            st.setQueryTimeout(5);
            Jdbc.setInstant(st, 1, now);
            Jdbc.setInstant(st, 2, now);
            Jdbc.setInstant(st, 3, now);
            st.setDouble(4, slowDown.hold().toMillis() / 1000.0);
            st.setDouble(5, slowDown.recoverEvery().toMillis() / 1000.0);
            st.setDouble(6, slowDown.recoverStep());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Reading(
                        true,
                        rs.getLong(1),
                        age(now, Jdbc.getInstant(rs, 2)),
                        rs.getLong(3),
                        age(now, Jdbc.getInstant(rs, 4)),
                        rs.getLong(5),
                        age(now, Jdbc.getInstant(rs, 6)),
                        rs.getDouble(7));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Queue gauges: the database did not answer");
            return Reading.DOWN;
        }
    }

    private static double age(Instant now, Instant since) {
        return since == null || since.isAfter(now)
                ? 0
                : Duration.between(since, now).toMillis() / 1000.0;
    }
}
