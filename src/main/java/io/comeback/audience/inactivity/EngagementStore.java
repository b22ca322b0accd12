package io.comeback.audience.inactivity;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/**
 * The engagement facts on the customer row that {@code inactive} triggers read: the last reply,
 * click or site visit, and how many marketing texts in a row went unanswered. Event ingest calls
 * {@link #recordEvent}; the flow runtime calls {@link #replied} for an inbound text and
 * {@link #marketingTextSent} when it sends a marketing text. Callers provide the transaction.
 *
 * <p>Every update is one statement that can be replayed and applied out of order: the last
 * engagement only moves forward ({@code GREATEST}).
 */
@ApplicationScoped
public class EngagementStore {

    /** Event type the runtime's inbound replies count as; also accepted through the event API. */
    public static final String REPLY = "reply";

    /**
     * An answer (reply or click) ends the unanswered streak, unless it happened before the latest
     * marketing text: then that text is still unanswered. How many of the earlier texts the old
     * answer covered is unknown without the message history, so the counter is left as it is.
     */
    static final String ANSWERED = """
            UPDATE customers SET
                last_engaged_at = GREATEST(last_engaged_at, ?),
                unanswered_messages = CASE WHEN last_marketing_text_at IS NULL OR last_marketing_text_at <= ?
                                           THEN 0 ELSE unanswered_messages END
            WHERE id = ?""";

    static final String ENGAGED = "UPDATE customers SET last_engaged_at = GREATEST(last_engaged_at, ?) WHERE id = ?";

    static final String TEXT_SENT = """
            UPDATE customers SET
                unanswered_messages = unanswered_messages + 1,
                last_marketing_text_at = GREATEST(last_marketing_text_at, ?)
            WHERE id = ?""";

    /**
     * {@link #TEXT_SENT} for a batch of messages the gateway accepted: parameters are the instant and
     * the ledger ids; only marketing texts count.
     */
    public static final String MARKETING_TEXTS_SENT = """
            UPDATE customers c SET
                unanswered_messages = c.unanswered_messages + n.count,
                last_marketing_text_at = GREATEST(c.last_marketing_text_at, ?)
            FROM (SELECT customer_id, count(*) AS count FROM outbound_messages
                  WHERE id = ANY(?) AND kind = 'marketing' AND customer_id IS NOT NULL GROUP BY customer_id) n
            WHERE c.id = n.customer_id""";

    private final AgroalDataSource dataSource;
    private final Set<String> engagingTypes;
    private final Set<String> answeringTypes;

    public EngagementStore(AgroalDataSource dataSource, InactivityConfig config) {
        this.dataSource = dataSource;
        this.engagingTypes = Set.copyOf(config.engagementTypes());
        this.answeringTypes = Set.copyOf(config.answerTypes());
    }

    /** An engagement event was stored: a site visit or click keeps the customer engaged; other types do not count. */
    public void recordEvent(long customerId, String type, Instant at) {
        if (answeringTypes.contains(type)) {
            answered(customerId, at);
        } else if (engagingTypes.contains(type)) {
            execute(ENGAGED, at, null, customerId);
        }
    }

    /** The customer replied to a text at {@code at} (for the runtime's inbound SMS handling). */
    public void replied(long customerId, Instant at) {
        answered(customerId, at);
    }

    /** A marketing text went out at {@code sentAt} (for the runtime's dispatcher); service texts do not count. */
    public void marketingTextSent(long customerId, Instant sentAt) {
        execute(TEXT_SENT, sentAt, null, customerId);
    }

    private void answered(long customerId, Instant at) {
        execute(ANSWERED, at, at, customerId);
    }

    private void execute(String sql, Instant first, Instant second, long customerId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(sql)) {
            int i = 0;
            Jdbc.setInstant(st, ++i, first);
            if (second != null) {
                Jdbc.setInstant(st, ++i, second);
            }
            st.setLong(++i, customerId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update engagement facts of customer " + customerId, e);
        }
    }
}
