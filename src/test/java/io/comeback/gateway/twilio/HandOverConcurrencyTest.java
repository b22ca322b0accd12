package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.DispatchConfig;
import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.DispatcherSteps;
import io.comeback.messaging.Gateways;
import io.comeback.messaging.Reconciliation;
import io.comeback.messaging.RuntimeConfig;
import io.comeback.messaging.SendMetrics;
import io.comeback.messaging.concurrency.HandOverSlots;
import io.comeback.messaging.concurrency.ProviderConcurrencyConfig;
import io.comeback.messaging.pacing.SenderBuckets;
import io.comeback.support.GracefulStop;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-over to Twilio at the account's concurrency limit, through the real SDK against the fake API, which answers
 * after a latency and refuses (429 / 20429) every request beyond its limit, as Twilio does. The dispatchers are run
 * by the test; the provider slots are the service's own ({@link HandOverSlots}), leased in PostgreSQL.
 */
@QuarkusTest
@TestProfile(TwilioHandOverProfile.class)
class HandOverConcurrencyTest {

    private static final int LIMIT = TwilioHandOverProfile.LIMIT;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Dispatcher dispatcher;

    @Inject
    HandOverSlots slots;

    @Inject
    Gateways gateways;

    @Inject
    SenderBuckets buckets;

    @Inject
    MeterRegistry metrics;

    @Inject
    GracefulStop stop;

    @Inject
    SendMetrics sendMetrics;

    @Inject
    DispatchConfig dispatchConfig;

    @Inject
    RuntimeConfig runtimeConfig;

    @Inject
    ProviderConcurrencyConfig concurrencyConfig;

    @Inject
    Reconciliation reconciliation;

    private final List<HandOverSlots> replicas = new ArrayList<>();

    private static FakeTwilioApi twilio() {
        return FakeTwilioResource.api;
    }

    @BeforeEach
    void accountAtItsLimit() {
        twilio().load().latency = Duration.ofMillis(40);
        twilio().load().maxInFlight = LIMIT;
        twilio().load().reset();
    }

    @AfterEach
    void unlimitedAgain() {
        replicas.forEach(HandOverSlots::stop);
        twilio().load().latency = Duration.ZERO;
        twilio().load().maxInFlight = 0;
    }

    @Test
    void neverMoreInFlightThanTheLimitAndTheWholeLimitIsUsed() throws SQLException {
        List<Long> ids = queue(160);

        dispatchUntilSent(ids, dispatcher);

        FakeTwilioLoad.Stats stats = twilio().load().stats();
        assertThat(stats.throttled())
                .as("requests Twilio refused as one too many")
                .isZero();
        assertThat(stats.peakInFlight())
                .as("requests in flight at Twilio at once")
                .isEqualTo(LIMIT);
        assertThat(createsPerText(ids))
                .as("creates per text")
                .containsOnlyKeys(ids)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(statuses(ids)).containsOnlyKeys("queued");
    }

    @Test
    void aTooManyRequestsAnswerShrinksTheWindowAndTheTextLeavesExactlyOnceLater() throws SQLException {
        twilio().load().maxInFlight = 3; // the account allows fewer than configured
        List<Long> ids = queue(60);

        dispatchUntilSent(ids, dispatcher);

        assertThat(twilio().load().stats().throttled()).as("429s answered").isPositive();
        assertThat(slots.snapshot().window())
                .as("sends in flight the answers allow")
                .isLessThan(LIMIT);
        assertThat(createsPerText(ids))
                .containsOnlyKeys(ids)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(twilio().load().stats().duplicates()).isZero();
        assertThat(statuses(ids)).containsOnlyKeys("queued");
        assertThat(attempts(ids)).as("a 429 does not use up an attempt").containsOnlyKeys("1");
    }

    @Test
    void aCreateWithoutAnAnswerInTimeIsUnknownAndNeverSentAgain() throws SQLException {
        long throttledBefore = slots.snapshot().throttled();
        twilio().answerNextAfter(Duration.ofSeconds(3)); // past the 1 s read timeout; Twilio created it
        List<Long> ids = queue(1);

        dispatchUntilSent(ids, dispatcher);
        DispatcherSteps.dispatchBatch(dispatcher);
        reconciliation.run(); // Twilio has not sent it yet: cannot tell, so it stays unknown
        DispatcherSteps.dispatchBatch(dispatcher);

        assertThat(statuses(ids)).containsOnlyKeys("unknown");
        assertThat(createsPerText(ids)).containsExactly(Map.entry(ids.get(0), 1));
        assertThat(twilio().received().stream()
                        .filter(r -> r.method().equals("POST") && ledgerId(r) == ids.get(0))
                        .count())
                .as("requests for the text")
                .isEqualTo(1);
        assertThat(slots.snapshot().throttled()).as("a timeout is no throttle").isEqualTo(throttledBefore);
    }

    @Test
    void twoReplicasOnOneDatabaseShareTheLimitAndNeverExceedItTogether() throws Exception {
        clearLeases();
        HandOverSlots slotsB = replica("replica-b");
        HandOverSlots slotsC = replica("replica-c");
        Dispatcher b = dispatcherWith(slotsB);
        Dispatcher c = dispatcherWith(slotsC);
        slotsB.start();
        slotsC.start();
        List<Long> ids = queue(400);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger mostLeased = new AtomicInteger();
        CompletableFuture<Void> leases = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                mostLeased.accumulateAndGet(leasedInTotal(), Math::max);
            }
        });

        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> dispatchUntilSent(ids, b)),
                        CompletableFuture.runAsync(() -> dispatchUntilSent(ids, b)),
                        CompletableFuture.runAsync(() -> dispatchUntilSent(ids, c)),
                        CompletableFuture.runAsync(() -> dispatchUntilSent(ids, c)))
                .get();
        running.set(false);
        leases.get();

        assertThat(twilio().load().stats().throttled())
                .as("429s: the two had more in flight than the account")
                .isZero();
        assertThat(mostLeased.get()).as("permits leased at once, both replicas").isBetween(1, LIMIT);
        assertThat(slotsB.snapshot().peakInFlight()).as("replica b sent").isPositive();
        assertThat(slotsC.snapshot().peakInFlight()).as("replica c sent").isPositive();
        assertThat(createsPerText(ids))
                .containsOnlyKeys(ids)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(statuses(ids)).containsOnlyKeys("queued");
    }

    @Test
    void theShareOfAReplicaThatDiedComesBackWhenItsLeaseLapses() throws SQLException {
        clearLeases();
        HandOverSlots slotsB = new HandOverSlots(dataSource, concurrencyConfig, "replica-b"); // never stopped: it dies
        HandOverSlots slotsC = replica("replica-c");

        slotsB.renewNow();
        assertThat(slotsB.usable()).as("alone, b may use the whole limit").isEqualTo(LIMIT);
        slotsC.renewNow();
        assertThat(slotsC.usable()).as("c gets only what b leaves free").isZero();
        slotsB.renewNow();
        slotsC.renewNow();
        assertThat(slotsB.usable()).isEqualTo(LIMIT / 2);
        assertThat(slotsC.usable()).isEqualTo(LIMIT / 2);

        lapse("replica-b"); // b stopped renewing (killed) and its lease ran out
        slotsC.renewNow();

        assertThat(slotsC.usable()).as("b's share back with c").isEqualTo(LIMIT);
        assertThat(slotsC.snapshot().holders()).isEqualTo(1);
        assertThat(leasedInTotal()).isEqualTo(LIMIT);
    }

    // ---- helpers

    private HandOverSlots replica(String holder) {
        HandOverSlots replica = new HandOverSlots(dataSource, concurrencyConfig, holder);
        replicas.add(replica);
        return replica;
    }

    private Dispatcher dispatcherWith(HandOverSlots replicaSlots) {
        return new Dispatcher(
                dataSource,
                gateways,
                TestClockProducer.CLOCK,
                stop,
                buckets,
                replicaSlots,
                metrics,
                sendMetrics,
                dispatchConfig,
                runtimeConfig);
    }

    /** Texts due now, one per new number. */
    private List<Long> queue(int texts) throws SQLException {
        List<Long> ids = new ArrayList<>(texts);
        Instant due = TestClockProducer.CLOCK.instant().minusSeconds(60);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        INSERT INTO outbound_messages (to_phone, body, kind, segments, status, not_before, created_at,
                            status_at)
                        VALUES (?, 'Vi savner deg! 20 % på alt denne uken.', 'transactional', 1, 'pending', ?, ?, ?)
                        RETURNING id""")) {
            for (int i = 0; i < texts; i++) {
                st.setString(1, TestData.norwegianMobile());
                Jdbc.setInstant(st, 2, due);
                Jdbc.setInstant(st, 3, due);
                Jdbc.setInstant(st, 4, due);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Runs the dispatcher's steps, as its worker would, until none of the texts waits any more. */
    private void dispatchUntilSent(List<Long> ids, Dispatcher worker) {
        for (int round = 0; round < 1000 && statuses(ids).containsKey("pending"); round++) {
            DispatcherSteps.dispatchBatch(worker);
        }
    }

    /** Messages Twilio created per text (requests it refused with 429 created none). */
    private static Map<Long, Integer> createsPerText(List<Long> ids) {
        Map<Long, Integer> creates = new HashMap<>();
        for (long id : ids) {
            creates.put(id, twilio().load().createsOf(id));
        }
        return creates;
    }

    private static long ledgerId(FakeTwilioApi.Received request) {
        String callback = request.form().get("StatusCallback");
        return Long.parseLong(callback.substring(callback.indexOf("messageId=") + "messageId=".length()));
    }

    private Map<String, Integer> statuses(List<Long> ids) {
        return countBy("SELECT status, count(*) FROM outbound_messages WHERE id = ANY(?) GROUP BY status", ids);
    }

    private Map<String, Integer> attempts(List<Long> ids) {
        return countBy("SELECT attempts::text, count(*) FROM outbound_messages WHERE id = ANY(?) GROUP BY 1", ids);
    }

    private Map<String, Integer> countBy(String sql, List<Long> ids) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, SqlArrays.longs(c, ids, id -> id));
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int leasedInTotal() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT coalesce(sum(permits), 0) FROM provider_concurrency_leases");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void clearLeases() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM provider_concurrency_leases")) {
            st.executeUpdate();
        }
    }

    private void lapse(String holder) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE provider_concurrency_leases SET expires_at = clock_timestamp() - interval '1 second'"
                                + " WHERE holder = ?")) {
            st.setString(1, holder);
            st.executeUpdate();
        }
    }
}
