package io.comeback.messaging.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The shared token buckets on the real PostgreSQL: refill arithmetic on a clock the test sets, the
 * prefix of texts that fits, oversized texts, slow-down and recovery, and two "replicas" (two bucket
 * clients on their own connections) that together never exceed the rate.
 */
@QuarkusTest
class SenderBucketsTest {

    private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    /** The settings application.properties ships, for their slow-down. */
    @Inject
    PacingSettings shipped;

    private static String sender() {
        return TestData.id("test-sender");
    }

    private static SenderBuckets buckets(String sender, double rate, double burst, PacingSettings.SlowDown slowDown) {
        return new SenderBuckets(
                new PacingSettings(0, 0, Map.of(sender, new PacingSettings.Limit(rate, burst)), slowDown));
    }

    private static List<SenderBuckets.Want> texts(String sender, int... segments) {
        List<SenderBuckets.Want> wants = new ArrayList<>();
        for (int s : segments) {
            wants.add(new SenderBuckets.Want(sender, s));
        }
        return wants;
    }

    private static int[] ones(int n) {
        int[] segments = new int[n];
        java.util.Arrays.fill(segments, 1);
        return segments;
    }

    private SenderBuckets.Grant take(SenderBuckets buckets, Instant now, List<SenderBuckets.Want> wants) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, SenderBuckets.Grant> grants = buckets.take(c, now, wants);
            c.commit();
            return grants.get(wants.get(0).sender());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNewBucketIsFullAndRefillsAtTheRateUpToTheBurst() {
        String s = sender();
        SenderBuckets buckets = buckets(s, 10, 20, shipped.slowDown());
        assertThat(take(buckets, T0, texts(s, ones(25))).took()).isEqualTo(20);
        assertThat(take(buckets, T0, texts(s, ones(25))).took()).isZero();
        assertThat(take(buckets, T0.plusMillis(500), texts(s, ones(25))).took()).isEqualTo(5);
        SenderBuckets.Grant afterIdle = take(buckets, T0.plusSeconds(60), texts(s, ones(25)));
        assertThat(afterIdle.took())
                .as("an idle minute refills no more than the burst")
                .isEqualTo(20);
        assertThat(afterIdle.tokensLeft()).isCloseTo(0, within(1e-9));
    }

    @Test
    void textsLeaveInOrderWhileTheirSegmentsFitAndTheWaitIsKnown() {
        String s = sender();
        SenderBuckets buckets = buckets(s, 2, 5, shipped.slowDown());
        SenderBuckets.Grant grant = take(buckets, T0, texts(s, 2, 2, 2, 1));
        assertThat(grant.took())
                .as("2 + 2 fit in 5, the third text (2) does not, the fourth must wait its turn")
                .isEqualTo(4);
        assertThat(grant.tokensLeft()).isEqualTo(1);
        assertThat(grant.untilFits(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(take(buckets, T0.plusMillis(499), texts(s, 2, 1)).took()).isZero();
        assertThat(take(buckets, T0.plusMillis(500), texts(s, 2, 1)).took()).isEqualTo(2);
    }

    @Test
    void aTextLongerThanTheBurstLeavesFromAFullBucketAndThePaceHolds() {
        String s = sender();
        SenderBuckets buckets = buckets(s, 1, 2, shipped.slowDown());
        SenderBuckets.Grant grant = take(buckets, T0, texts(s, 4));
        assertThat(grant.took()).isEqualTo(4);
        assertThat(grant.tokensLeft()).isEqualTo(-2);
        assertThat(grant.untilFits(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(take(buckets, T0.plusSeconds(2), texts(s, 1)).took()).isZero();
        assertThat(take(buckets, T0.plusSeconds(3), texts(s, 1)).took()).isEqualTo(1);
    }

    @Test
    void aBucketDeletedByHandPacesFromEmptyInsteadOfLettingEverythingThrough() throws SQLException {
        String s = sender();
        SenderBuckets buckets = buckets(s, 10, 10, shipped.slowDown());
        assertThat(take(buckets, T0, texts(s, ones(5))).took()).isEqualTo(5);
        try (Connection c = dataSource.getConnection();
                var st = c.prepareStatement("DELETE FROM sender_buckets WHERE sender = ?")) {
            st.setString(1, s);
            st.executeUpdate();
        }
        assertThat(take(buckets, T0.plusSeconds(1), texts(s, ones(5))).took())
                .as("the client still thinks it exists")
                .isZero();
        assertThat(take(buckets, T0.plusSeconds(2), texts(s, ones(15))).took())
                .as("created again, full")
                .isEqualTo(10);
    }

    @Test
    void sendersOfOneBatchHaveTheirOwnBuckets() throws SQLException {
        String a = sender();
        String b = sender();
        SenderBuckets buckets = new SenderBuckets(new PacingSettings(
                0,
                0,
                Map.of(a, new PacingSettings.Limit(1, 1), b, new PacingSettings.Limit(3, 3)),
                shipped.slowDown()));
        List<SenderBuckets.Want> wants = new ArrayList<>(texts(a, 1, 1, 1));
        wants.addAll(texts(b, 1, 1, 1, 1));
        wants.add(new SenderBuckets.Want("unpaced-" + a, 3));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, SenderBuckets.Grant> grants = buckets.take(c, T0, wants);
            c.commit();
            assertThat(grants).containsOnlyKeys(a, b);
            assertThat(grants.get(a).took()).isEqualTo(1);
            assertThat(grants.get(b).took()).isEqualTo(3);
        }
    }

    @Test
    void aSlowDownHalvesTheRateOnceperOverflowAndRecoversStepwise() throws SQLException {
        String s = sender();
        PacingSettings.SlowDown slow = new PacingSettings.SlowDown(
                0.5, 0.1, Duration.ofMinutes(5), Duration.ofMinutes(1), 0.25, Duration.ofSeconds(10));
        SenderBuckets buckets = buckets(s, 10, 10, slow);
        take(buckets, T0, texts(s, ones(10)));
        try (Connection c = dataSource.getConnection()) {
            assertThat(buckets.slowDown(c, s, T0, "30001")).contains(0.5);
            assertThat(buckets.slowDown(c, s, T0.plusSeconds(5), "30001"))
                    .as("the same overflow, reported again")
                    .isEmpty();
        }
        assertThat(take(buckets, T0.plusSeconds(1), texts(s, ones(20))).took())
                .as("1 s at half of 10/s")
                .isEqualTo(5);
        assertThat(factorAt(buckets, s, T0.plusSeconds(299))).isEqualTo(0.5);
        assertThat(factorAt(buckets, s, T0.plusSeconds(300))).isEqualTo(0.75);
        assertThat(factorAt(buckets, s, T0.plusSeconds(360))).isEqualTo(1.0);
        try (Connection c = dataSource.getConnection()) {
            assertThat(buckets.slowDown(c, s, T0.plusSeconds(20), "21611"))
                    .as("halved again from what is in force")
                    .contains(0.25);
            assertThat(buckets.slowDown(c, s, T0.plusSeconds(40), "21611")).contains(0.125);
            assertThat(buckets.slowDown(c, s, T0.plusSeconds(60), "21611"))
                    .as("never below the floor")
                    .contains(0.1);
        }
        SenderBuckets.State state = buckets.states(dataSource.getConnection(), T0.plusSeconds(60)).stream()
                .filter(st -> st.sender().equals(s))
                .findFirst()
                .orElseThrow();
        assertThat(state.slowdowns()).isEqualTo(4);
        assertThat(state.lastError()).isEqualTo("21611");
    }

    private double factorAt(SenderBuckets buckets, String sender, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return buckets.states(c, at).stream()
                    .filter(st -> st.sender().equals(sender))
                    .findFirst()
                    .orElseThrow()
                    .factorNow();
        }
    }

    /** What one replica took, and when. */
    private record Taken(long atNanos, double segments) {}

    @Test
    void twoReplicasOnTheirOwnConnectionsTogetherNeverExceedTheRate() throws Exception {
        String s = sender();
        double rate = 40;
        double burst = 10;
        List<Taken> taken = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(3).toNanos();
        List<Thread> replicas = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            // Each replica has its own client (its own cache of known buckets) and its own connection.
            SenderBuckets replica = buckets(s, rate, burst, shipped.slowDown());
            Thread thread = new Thread(() -> {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        int[] segments =
                                ThreadLocalRandom.current().ints(8, 1, 4).toArray();
                        SenderBuckets.Grant grant = replica.take(c, Instant.now(), texts(s, segments))
                                .get(s);
                        c.commit();
                        taken.add(new Taken(System.nanoTime(), grant.took()));
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 15));
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            replicas.add(thread);
            thread.start();
        }
        for (Thread thread : replicas) {
            thread.join();
        }
        assertThat(failure.get()).isNull();
        double total = taken.stream().mapToDouble(Taken::segments).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(total)
                .as("at most a full bucket plus the refill")
                .isLessThanOrEqualTo(burst + rate * seconds + 1e-6);
        assertThat(total).as("and not starved either").isGreaterThan(rate * 3 * 0.8);
        List<Taken> sorted = new ArrayList<>(taken);
        sorted.sort((x, y) -> Long.compare(x.atNanos(), y.atNanos()));
        for (int i = 0; i < sorted.size(); i++) {
            double window = 0;
            for (int j = i; j < sorted.size(); j++) {
                window += sorted.get(j).segments();
                // Taken between (the commit before i) and j: at most the burst plus what refilled meanwhile
                // (+ 3 for one overdrawing text, + slack for the delay between commit and stamp).
                double span = (sorted.get(j).atNanos() - sorted.get(i).atNanos()) / 1e9;
                assertThat(window).isLessThanOrEqualTo(burst + rate * (span + 0.05) + 3);
            }
        }
    }
}
