package io.comeback.privacy;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What the service keeps of people's words, and for how long (README "Retention"). Past its time a text's body,
 * an inbound text's words and an event's properties are blanked, and a provider's raw webhook is deleted, in
 * batches of {@code comeback.retention.batch-size} rows, each batch its own transaction.
 *
 * <p>What stays: every row reports count (texts, replies, events keep their ids, statuses, times, flows and error
 * codes, so figures do not change), the consent history and the suppression list of opted-out numbers. A text
 * not yet handed over (pending, dispatching, unknown, or held by a pause or an approval) keeps its body: it may
 * still leave.
 *
 * <p>Each kind is handled from where the last run stopped ({@code retention_progress}) less a day (rows written
 * late: replicas' clocks, long transactions) up to its cutoff, so a run reads about a day of rows, not the years
 * already blanked.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    static final Duration LOOK_BACK = Duration.ofDays(1);
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");

    /**
     * One kind of data, kept for the setting {@code property}: {@code sql} takes (from, before, batch size) and
     * returns the rows it changed.
     */
    private record Kind(String name, String property, Duration keep, String sql) {}

    private static final String BODIES = """
            UPDATE outbound_messages SET body = ''
            WHERE id = ANY(ARRAY(SELECT id FROM outbound_messages
                                 WHERE created_at >= ? AND created_at < ? AND body <> ''
                                   AND status NOT IN ('pending', 'dispatching', 'unknown', 'held', 'awaiting_approval')
                                 LIMIT ?))""";
    private static final String INBOUND = """
            UPDATE inbound_messages SET body = ''
            WHERE id = ANY(ARRAY(SELECT id FROM inbound_messages
                                 WHERE received_at >= ? AND received_at < ? AND body <> '' LIMIT ?))""";
    // Twilio repeats a webhook for hours at most; past that the raw copy only serves an audit.
    private static final String RAW_INBOUND = """
            DELETE FROM twilio_inbound_messages
            WHERE message_sid = ANY(ARRAY(SELECT message_sid FROM twilio_inbound_messages
                                          WHERE received_at >= ? AND received_at < ? LIMIT ?))""";
    private static final String RAW_STATUS = """
            DELETE FROM twilio_status_callbacks
            WHERE (message_sid, message_status) IN (SELECT message_sid, message_status FROM twilio_status_callbacks
                                                    WHERE received_at >= ? AND received_at < ? LIMIT ?)""";
    private static final String EVENTS = """
            UPDATE engagement_events SET properties = '{}'::jsonb
            WHERE id = ANY(ARRAY(SELECT id FROM engagement_events
                                 WHERE created_at >= ? AND created_at < ? AND properties <> '{}'::jsonb LIMIT ?))""";

    private static final String PROGRESS = "SELECT done_before FROM retention_progress WHERE kind = ?";
    private static final String ADVANCE = """
            INSERT INTO retention_progress (kind, done_before) VALUES (?, ?)
            ON CONFLICT (kind) DO UPDATE SET done_before = GREATEST(retention_progress.done_before, EXCLUDED.done_before)""";

    private final AgroalDataSource dataSource;
    private final int batchSize;
    private final List<Kind> kinds;

    public Retention(AgroalDataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.batchSize = config.batchSize();
        this.kinds = List.of(
                new Kind("message-bodies", "message-bodies", config.messageBodies(), BODIES),
                new Kind("inbound-texts", "inbound-texts", config.inboundTexts(), INBOUND),
                new Kind("raw-inbound-webhooks", "raw-webhooks", config.rawWebhooks(), RAW_INBOUND),
                new Kind("raw-status-webhooks", "raw-webhooks", config.rawWebhooks(), RAW_STATUS),
                new Kind("event-properties", "event-properties", config.eventProperties(), EVENTS));
        for (Kind kind : kinds) {
            if (kind.keep().isNegative() || kind.keep().isZero()) {
                throw new IllegalArgumentException(
                        "comeback.retention." + kind.property() + " must be a positive duration, not " + kind.keep());
            }
        }
    }

    /** @return rows blanked or deleted per kind, in the order they were handled */
    public Map<String, Long> apply(Instant now) {
        Map<String, Long> done = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            done.put(kind.name(), apply(kind, now.minus(kind.keep())));
        }
        return done;
    }

    private long apply(Kind kind, Instant cutoff) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Instant from = progress(c, kind).minus(LOOK_BACK);
            if (!from.isBefore(cutoff)) {
                return 0;
            }
            long total = 0;
            int changed;
            do {
                try (PreparedStatement st = c.prepareStatement(kind.sql())) {
                    Jdbc.setInstant(st, 1, from);
                    Jdbc.setInstant(st, 2, cutoff);
                    st.setInt(3, batchSize);
                    changed = st.executeUpdate();
                }
                total += changed;
            } while (changed == batchSize);
            try (PreparedStatement st = c.prepareStatement(ADVANCE)) {
                st.setString(1, kind.name());
                Jdbc.setInstant(st, 2, cutoff);
                st.executeUpdate();
            }
            if (total > 0) {
                LOG.infof("Retention: %d %s older than %s blanked or deleted", total, kind.name(), cutoff);
            }
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("Retention of " + kind.name() + " failed", e);
        }
    }

    private static Instant progress(Connection c, Kind kind) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(PROGRESS)) {
            st.setString(1, kind.name());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Jdbc.getInstant(rs, 1) : BEGINNING.plus(LOOK_BACK);
            }
        }
    }
}
