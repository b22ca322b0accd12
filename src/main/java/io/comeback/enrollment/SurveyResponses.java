package io.comeback.enrollment;

import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Keeps every score a customer gave to an nps question ({@code survey_responses}), written with the
 * wake-up batch that interpreted the reply so an answer is recorded exactly when its enrollment moved
 * on. The time answered is when the text arrived, not when the batch ran.
 */
final class SurveyResponses {

    /** @param inboundMessageId the text that carried the answer; null when the signal did not say */
    record Answer(long enrollmentId, String flowId, String stepId, long customerId, int score, Long inboundMessageId) {}

    // ON CONFLICT: a reply that is interpreted again (its batch rolled back after the insert was
    // sent, or a replayed signal) is still one answer.
    private static final String INSERT = """
            INSERT INTO survey_responses (enrollment_id, flow_id, step_id, customer_id, score, answered_at, inbound_message_id)
            SELECT a.enrollment_id, a.flow_id, a.step_id, a.customer_id, a.score, coalesce(m.received_at, ?), a.inbound_message_id
            FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS int[]),
                        CAST(? AS bigint[]))
                 AS a(enrollment_id, flow_id, step_id, customer_id, score, inbound_message_id)
            LEFT JOIN inbound_messages m ON m.id = a.inbound_message_id
            ON CONFLICT (inbound_message_id) DO NOTHING
            """;

    private SurveyResponses() {}

    static void insert(Connection c, List<Answer> answers, Instant now) throws SQLException {
        if (answers.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            Jdbc.setInstant(st, 1, now);
            st.setArray(2, SqlArrays.longs(c, answers, Answer::enrollmentId));
            st.setArray(3, SqlArrays.texts(c, answers, Answer::flowId));
            st.setArray(4, SqlArrays.texts(c, answers, Answer::stepId));
            st.setArray(5, SqlArrays.longs(c, answers, Answer::customerId));
            st.setArray(6, SqlArrays.ints(c, answers, Answer::score));
            st.setArray(7, SqlArrays.longs(c, answers, Answer::inboundMessageId));
            st.executeUpdate();
        }
    }
}
