package io.comeback.messaging.pacing;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The statements that slow a sender down after an overflow and read every bucket with the rate in force. */
final class SlowDownStore {

    // Reports closer together than min-interval are one overflow: a full queue fails many texts at once.
    private static final String SLOW_DOWN = """
            UPDATE sender_buckets SET
                factor = greatest(?, pacing_factor(factor, slowed_at, CAST(? AS timestamptz), ?, ?, ?) * ?),
                slowed_at = CAST(? AS timestamptz), slowdowns = slowdowns + 1, last_error = ?
            WHERE sender = ? AND (slowed_at IS NULL OR slowed_at <= CAST(? AS timestamptz) - CAST(? AS interval))
            RETURNING factor
            """;
    private static final String STATES = """
            SELECT sender, tokens, refilled_at, pacing_factor(factor, slowed_at, CAST(? AS timestamptz), ?, ?, ?),
                   slowed_at, slowdowns, last_error
            FROM sender_buckets ORDER BY sender
            """;

    private SlowDownStore() {}

    /** See {@link SenderBuckets#slowDown}; the sender's bucket exists. */
    static Optional<Double> slowDown(
            Connection c, String sender, Instant now, String errorCode, PacingSettings.SlowDown slow)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SLOW_DOWN)) {
            int i = 0;
            st.setDouble(++i, slow.minFactor());
            Jdbc.setInstant(st, ++i, now);
            st.setDouble(++i, SenderBuckets.seconds(slow.hold()));
            st.setDouble(++i, SenderBuckets.seconds(slow.recoverEvery()));
            st.setDouble(++i, slow.recoverStep());
            st.setDouble(++i, slow.factor());
            Jdbc.setInstant(st, ++i, now);
            st.setString(++i, errorCode);
            st.setString(++i, sender);
            Jdbc.setInstant(st, ++i, now);
            st.setString(++i, slow.minInterval().toMillis() + " milliseconds");
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getDouble(1)) : Optional.empty();
            }
        }
    }

    /** See {@link SenderBuckets#states}. */
    static List<SenderBuckets.State> states(Connection c, Instant now, PacingSettings.SlowDown slow)
            throws SQLException {
        List<SenderBuckets.State> states = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(STATES)) {
            Jdbc.setInstant(st, 1, now);
            st.setDouble(2, SenderBuckets.seconds(slow.hold()));
            st.setDouble(3, SenderBuckets.seconds(slow.recoverEvery()));
            st.setDouble(4, slow.recoverStep());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    states.add(new SenderBuckets.State(
                            rs.getString(1),
                            rs.getDouble(2),
                            Jdbc.getInstant(rs, 3),
                            rs.getDouble(4),
                            Jdbc.getInstant(rs, 5),
                            rs.getInt(6),
                            rs.getString(7)));
                }
            }
        }
        return states;
    }
}
