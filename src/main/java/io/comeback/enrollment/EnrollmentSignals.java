package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.run.FlowEvent;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Hands an event (an order, a click, a reply) to running enrollments without running them: the
 * event is queued and the enrollment made due now, so the next wake-up worker applies it under the
 * row's claim — one writer per enrollment, and ingest stays one or two statements long.
 */
@ApplicationScoped
public class EnrollmentSignals {

    // The event is queued for the customer's running enrollments, but for those in the statuses filled in, and each
    // is made due now.
    private static final String TO_CUSTOMER = """
            WITH targets AS (
                SELECT id FROM enrollments
                WHERE customer_id = ? AND exited_at IS NULL AND status NOT IN (%s)
            ), queued AS (
                INSERT INTO enrollment_signals (enrollment_id, event) SELECT id, CAST(? AS jsonb) FROM targets
            )
            UPDATE enrollments SET next_wake_at = LEAST(coalesce(next_wake_at, ?), ?)
            WHERE id IN (SELECT id FROM targets)
            """;
    // Enrollments not yet started (an order trigger's delay) ignore events: the interpreter only starts them.
    private static final String TO_RUNNING_OF_CUSTOMER = TO_CUSTOMER.formatted("'new'");
    // A reply is the answer of the enrollment waiting for one (replyToEnrollment); the others waiting for an answer
    // to their own question do not take it for theirs, every other running enrollment sees it (goal, branch).
    private static final String REPLY_TO_OTHERS = TO_CUSTOMER.formatted("'new', 'waiting_reply', 'deferred_re_ask'");
    private static final String TO_ONE = """
            WITH queued AS (INSERT INTO enrollment_signals (enrollment_id, event) VALUES (?, CAST(? AS jsonb)))
            UPDATE enrollments SET next_wake_at = LEAST(coalesce(next_wake_at, ?), ?) WHERE id = ? AND exited_at IS NULL
            """;

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public EnrollmentSignals(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @return how many running enrollments of the customer will see the event */
    @Transactional
    public int toRunningEnrollmentsOf(long customerId, FlowEvent event) {
        return queueForCustomer(TO_RUNNING_OF_CUSTOMER, customerId, SignalCodec.write(event));
    }

    /**
     * A text from the customer, for their running enrollments that are not waiting for an answer of their own: it
     * is a goal ({@code goal: replied}) or something that happened ({@code event: replied} in a branch) there.
     *
     * @return how many enrollments will see it
     */
    @Transactional
    public int replyToOthersOf(long customerId, FlowEvent.Replied reply) {
        return queueForCustomer(REPLY_TO_OTHERS, customerId, SignalCodec.write(reply));
    }

    private int queueForCustomer(String sql, long customerId, String signalJson) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, customerId);
            st.setString(2, signalJson);
            Jdbc.setInstant(st, 3, now);
            Jdbc.setInstant(st, 4, now);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not signal enrollments of customer " + customerId, e);
        }
    }

    @Transactional
    public void toEnrollment(long enrollmentId, FlowEvent event) {
        queue(enrollmentId, SignalCodec.write(event));
    }

    /** A reply, with the {@code inbound_messages} row it came in, so what it answered can point back at it. */
    @Transactional
    public void replyToEnrollment(long enrollmentId, FlowEvent.Replied reply, long inboundMessageId) {
        queue(enrollmentId, SignalCodec.write(reply, inboundMessageId));
    }

    private void queue(long enrollmentId, String signalJson) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(TO_ONE)) {
            st.setLong(1, enrollmentId);
            st.setString(2, signalJson);
            Jdbc.setInstant(st, 3, now);
            Jdbc.setInstant(st, 4, now);
            st.setLong(5, enrollmentId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not signal enrollment " + enrollmentId, e);
        }
    }

    /** The customer's most recent enrollment waiting for a reply, if any. */
    @Transactional
    public java.util.Optional<Long> waitingForReply(long customerId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement("""
                     SELECT id FROM enrollments
                     WHERE customer_id = ? AND status IN ('waiting_reply', 'deferred_re_ask') AND exited_at IS NULL
                     ORDER BY updated_at DESC, id DESC LIMIT 1""")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up waiting enrollments of customer " + customerId, e);
        }
    }
}
