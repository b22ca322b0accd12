package io.comeback.messaging.pacing;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The statement that draws a batch's tokens from the senders' buckets ({@link SenderBuckets#take}). */
final class TokenTakeStore {

    // Locks the buckets in sender order (no deadlock between replicas), refills them, and takes for
    // each the longest run of its texts, in order, whose segments fit. The first text of a sender may
    // overdraw the bucket when it is larger than what is left of a full bucket, else it could never leave.
    private static final String TAKE = """
            WITH cfg AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS float8[]), CAST(? AS float8[])) AS c(sender, rate, burst)
            ), locked AS (
                SELECT b.sender, b.tokens, b.refilled_at, b.factor, b.slowed_at FROM sender_buckets b
                WHERE b.sender IN (SELECT sender FROM cfg) ORDER BY b.sender FOR UPDATE
            ), now_in_force AS (
                SELECT l.sender, c.burst, l.refilled_at,
                       c.rate * pacing_factor(l.factor, l.slowed_at, CAST(? AS timestamptz), ?, ?, ?) AS rate, l.tokens
                FROM locked l JOIN cfg c USING (sender)
            ), available AS (
                SELECT sender, burst, rate, least(burst, tokens
                       + greatest(0, extract(epoch FROM CAST(? AS timestamptz) - refilled_at)) * rate) AS tokens
                FROM now_in_force
            ), wanted AS (
                SELECT w.sender, w.segments, sum(w.segments) OVER (PARTITION BY w.sender ORDER BY w.seq) AS running
                FROM unnest(CAST(? AS text[]), CAST(? AS int[])) WITH ORDINALITY AS w(sender, segments, seq)
            ), taken AS (
                SELECT a.sender, a.rate, a.burst, a.tokens,
                       coalesce((SELECT max(w.running) FROM wanted w WHERE w.sender = a.sender
                                 AND (w.running <= a.tokens
                                      OR (w.running = w.segments AND a.tokens >= least(w.segments, a.burst)))), 0) AS took
                FROM available a
            )
            UPDATE sender_buckets b SET tokens = t.tokens - t.took, refilled_at = greatest(b.refilled_at, CAST(? AS timestamptz))
            FROM taken t WHERE b.sender = t.sender
            RETURNING b.sender, t.took, b.tokens, t.rate, t.burst
            """;

    private TokenTakeStore() {}

    /** The grants of the senders whose bucket rows exist; the buckets stay locked until the caller's transaction ends. */
    static Map<String, SenderBuckets.Grant> take(
            Connection c,
            Instant now,
            List<String> senders,
            List<Double> rates,
            List<Double> bursts,
            List<SenderBuckets.Want> pacedWants,
            PacingSettings.SlowDown slow)
            throws SQLException {
        Map<String, SenderBuckets.Grant> grants = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(TAKE)) {
            int i = 0;
            st.setArray(++i, c.createArrayOf("text", senders.toArray()));
            st.setArray(++i, c.createArrayOf("float8", rates.toArray()));
            st.setArray(++i, c.createArrayOf("float8", bursts.toArray()));
            Jdbc.setInstant(st, ++i, now);
            st.setDouble(++i, SenderBuckets.seconds(slow.hold()));
            st.setDouble(++i, SenderBuckets.seconds(slow.recoverEvery()));
            st.setDouble(++i, slow.recoverStep());
            Jdbc.setInstant(st, ++i, now);
            st.setArray(
                    ++i,
                    c.createArrayOf(
                            "text",
                            pacedWants.stream().map(SenderBuckets.Want::sender).toArray()));
            st.setArray(
                    ++i,
                    c.createArrayOf(
                            "integer",
                            pacedWants.stream()
                                    .map(w -> Math.max(1, w.segments()))
                                    .toArray()));
            Jdbc.setInstant(st, ++i, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    grants.put(
                            rs.getString(1),
                            new SenderBuckets.Grant(
                                    rs.getString(1),
                                    rs.getDouble(2),
                                    rs.getDouble(3),
                                    rs.getDouble(4),
                                    rs.getDouble(5)));
                }
            }
        }
        return grants;
    }
}
