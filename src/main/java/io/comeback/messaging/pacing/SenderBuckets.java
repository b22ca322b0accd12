package io.comeback.messaging.pacing;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        Map<String, Grant> grants =
                new HashMap<>(TokenTakeStore.take(c, now, senders, rates, bursts, pacedWants, settings.slowDown()));
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
        return SlowDownStore.slowDown(c, sender, now, errorCode, settings.slowDown());
    }

    /** Every bucket, with the share of its rate in force at {@code now}. */
    public List<State> states(Connection c, Instant now) throws SQLException {
        return SlowDownStore.states(c, now, settings.slowDown());
    }

    /** A duration as the seconds the SQL functions take. */
    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
