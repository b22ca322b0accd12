package io.comeback.messaging.pacing;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token buckets of the senders, kept in {@code sender_buckets} so that every replica draws from the
 * same ones. A batch takes the tokens of all its senders in one statement: the refill since the last
 * count, the slow-down in force and the texts that fit are all computed by PostgreSQL under the rows'
 * locks, so two replicas together never exceed a sender's rate.
 */
public final class SenderBuckets {

    /** One text waiting to leave: its sender and segments, in the order they should leave. */
    public record Want(String sender, int segments) {}

    /**
     * What one sender got: {@code took} segments (the texts whose running total fits), the tokens left
     * after (negative after one oversized text), the rate in force and the bucket size.
     */
    public record Grant(String sender, double took, double tokensLeft, double rate, double burst) {

        /** How long until a text of {@code segments} fits, at the rate in force. */
        public Duration untilFits(int segments) {
            double missing = Math.min(segments, burst) - tokensLeft;
            if (missing <= 0) {
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil(missing / rate * 1e9));
        }
    }

    /** A sender's bucket as stored, with the rate in force now. */
    public record State(
            String sender,
            double tokens,
            Instant refilledAt,
            double factorNow,
            Instant slowedAt,
            int slowdowns,
            String lastError) {}

    private static final String ENSURE = """
            INSERT INTO sender_buckets (sender, tokens, refilled_at)
            SELECT s, b, ? FROM unnest(CAST(? AS text[]), CAST(? AS float8[])) AS u(s, b)
            ON CONFLICT (sender) DO NOTHING
            """;
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

    private final PacingSettings settings;
    // Buckets this node knows exist, so that their INSERT is not repeated on every batch.
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public SenderBuckets(PacingSettings settings) {
        this.settings = settings;
    }

    public PacingSettings settings() {
        return settings;
    }

    /**
     * Takes tokens for as many of {@code wants} as fit, per sender and in order. Unpaced senders are not
     * in the answer: all their texts may leave. Runs in the caller's transaction; the buckets stay
     * locked until it ends, so keep it short.
     */
    public Map<String, Grant> take(Connection c, Instant now, List<Want> wants) throws SQLException {
        TreeSet<String> paced = new TreeSet<>();
        for (Want want : wants) {
            if (settings.limitFor(want.sender()).isPresent()) {
                paced.add(want.sender());
            }
        }
        if (paced.isEmpty()) {
            return Map.of();
        }
        List<String> senders = new ArrayList<>(paced);
        List<Double> rates = senders.stream()
                .map(s -> settings.limitFor(s).orElseThrow().rate())
                .toList();
        List<Double> bursts = senders.stream()
                .map(s -> settings.limitFor(s).orElseThrow().burst())
                .toList();
        ensure(c, now, senders, bursts);
        List<Want> pacedWants =
                wants.stream().filter(w -> paced.contains(w.sender())).toList();
        PacingSettings.SlowDown slow = settings.slowDown();
        Map<String, Grant> grants = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(TAKE)) {
            int i = 0;
            st.setArray(++i, c.createArrayOf("text", senders.toArray()));
            st.setArray(++i, c.createArrayOf("float8", rates.toArray()));
            st.setArray(++i, c.createArrayOf("float8", bursts.toArray()));
            Jdbc.setInstant(st, ++i, now);
            st.setDouble(++i, seconds(slow.hold()));
            st.setDouble(++i, seconds(slow.recoverEvery()));
            st.setDouble(++i, slow.recoverStep());
            Jdbc.setInstant(st, ++i, now);
            st.setArray(
                    ++i,
                    c.createArrayOf(
                            "text", pacedWants.stream().map(Want::sender).toArray()));
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
                            new Grant(
                                    rs.getString(1),
                                    rs.getDouble(2),
                                    rs.getDouble(3),
                                    rs.getDouble(4),
                                    rs.getDouble(5)));
                }
            }
        }
        for (int i = 0; i < senders.size(); i++) {
            if (!grants.containsKey(senders.get(i))) {
                // Its bucket row was deleted (by hand) since this node created it: nothing leaves unpaced;
                // the row is created again on the next batch.
                known.remove(senders.get(i));
                grants.put(senders.get(i), new Grant(senders.get(i), 0, 0, rates.get(i), bursts.get(i)));
            }
        }
        return grants;
    }

    /** Creates the buckets of senders this node has not seen yet, full. */
    private void ensure(Connection c, Instant now, List<String> senders, List<Double> bursts) throws SQLException {
        if (known.containsAll(senders)) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(ENSURE)) {
            Jdbc.setInstant(st, 1, now);
            st.setArray(2, c.createArrayOf("text", senders.toArray()));
            st.setArray(3, c.createArrayOf("float8", bursts.toArray()));
            st.executeUpdate();
        }
        known.addAll(senders);
    }

    /**
     * The provider said the sender's queue overflowed: lower its rate by the slow-down factor (shared by
     * every replica through its bucket). Repeats within {@code min-interval} count as the same overflow.
     *
     * @return the new share of the configured rate, or empty when this report was part of an overflow already acted on
     */
    public Optional<Double> slowDown(Connection c, String sender, Instant now, String errorCode) throws SQLException {
        ensure(
                c,
                now,
                List.of(sender),
                List.of(settings.limitFor(sender)
                        .map(PacingSettings.Limit::burst)
                        .orElse(1.0)));
        PacingSettings.SlowDown slow = settings.slowDown();
        try (PreparedStatement st = c.prepareStatement(SLOW_DOWN)) {
            int i = 0;
            st.setDouble(++i, slow.minFactor());
            Jdbc.setInstant(st, ++i, now);
            st.setDouble(++i, seconds(slow.hold()));
            st.setDouble(++i, seconds(slow.recoverEvery()));
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

    /** Every bucket, with the share of its rate in force at {@code now}. */
    public List<State> states(Connection c, Instant now) throws SQLException {
        PacingSettings.SlowDown slow = settings.slowDown();
        List<State> states = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(STATES)) {
            Jdbc.setInstant(st, 1, now);
            st.setDouble(2, seconds(slow.hold()));
            st.setDouble(3, seconds(slow.recoverEvery()));
            st.setDouble(4, slow.recoverStep());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    states.add(new State(
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

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
