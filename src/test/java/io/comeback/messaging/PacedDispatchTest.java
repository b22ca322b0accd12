package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.pacing.SenderBuckets;
import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.messaging.port.DeliveryProblemReport;
import io.comeback.support.Jdbc;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher under pacing, end to end to the simulator gateway: texts leave no faster than the
 * sender's segments/s, waiting rows are not claimed early (one attempt each), and a provider's
 * "queue full" halves the pace for a while. The test runs the dispatcher's batches itself and moves the clock by as
 * long as the dispatcher's loop would wait between them, so the pace is measured on the service's clock, exactly.
 */
@QuarkusTest
@TestProfile(PacedDispatchProfile.class)
class PacedDispatchTest {

    @Inject
    AgroalDataSource dataSource;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @Inject
    DeliveryProblemActions actions;

    @Inject
    SenderBuckets buckets;

    @Inject
    Dispatcher dispatcher;

    @ConfigProperty(name = "comeback.dispatch.poll-interval")
    Duration pollInterval;

    /** A text handed to the gateway: when it was claimed (the instant its tokens were taken at), its segments. */
    private record Sent(Instant claimedAt, Instant at, int segments, int attempts) {}

    @Test
    void textsLeaveNoFasterThanTheSendersSegmentsPerSecond() {
        Instant queuedAt = TestClockProducer.CLOCK.instant();
        List<Long> ids = pendingTexts(30, 1, 2, 3); // 60 segments
        List<Sent> sent = dispatchAll(ids);
        int segments = sent.stream().mapToInt(Sent::segments).sum();
        // Late calls can only lengthen this (a stalled machine delays, it never speeds up), so it holds under load.
        assertThat(seconds(queuedAt, sent.get(sent.size() - 1).at()))
                .as("60 segments at 20/s after a burst of 5")
                .isGreaterThanOrEqualTo((segments - PacedDispatchProfile.BURST) / PacedDispatchProfile.RATE);
        for (Sent first : sent) {
            int inOneSecond = sent.stream()
                    .filter(s -> !s.claimedAt().isBefore(first.claimedAt())
                            && s.claimedAt().isBefore(first.claimedAt().plusSeconds(1)))
                    .mapToInt(Sent::segments)
                    .sum();
            assertThat(inOneSecond)
                    .as("segments claimed in the second from " + first.claimedAt())
                    .isLessThanOrEqualTo((int) (PacedDispatchProfile.RATE + PacedDispatchProfile.BURST) + 2);
        }
        assertThat(sent)
                .as("rows waiting for tokens stay pending, not claimed and released")
                .allMatch(s -> s.attempts() == 1);
    }

    @Test
    void aQueueOverflowHalvesTheSendersPaceForAWhile() throws SQLException {
        Instant now = TestClockProducer.CLOCK.instant();
        actions.onDeliveryProblem(new DeliveryProblemReport(
                DeliveryProblem.SLOW_DOWN, "30001", "+4791234567", "SM-overflow", null, 1, now));
        Instant queuedAt = TestClockProducer.CLOCK.instant();
        List<Sent> sent = dispatchAll(pendingTexts(20, 1));
        assertThat(seconds(queuedAt, sent.get(sent.size() - 1).at()))
                .as("15 segments beyond the burst at 10/s, not 20/s")
                .isGreaterThanOrEqualTo(1.5);
        try (Connection c = dataSource.getConnection()) {
            SenderBuckets.State simulator = buckets.states(c, now).stream()
                    .filter(s -> s.sender().equals("simulator"))
                    .findFirst()
                    .orElseThrow();
            assertThat(simulator.factorNow()).isEqualTo(0.5);
            assertThat(simulator.lastError()).isEqualTo("30001");
            SenderBuckets.State later = buckets.states(c, now.plusSeconds(12)).stream()
                    .filter(s -> s.sender().equals("simulator"))
                    .findFirst()
                    .orElseThrow();
            assertThat(later.factorNow())
                    .as("recovered: 10 s hold, then +0.5 per second")
                    .isEqualTo(1.0);
        }
        RestAssured.get("http://localhost:" + management.getPort() + "/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("comeback_pacing_slowdowns_total{sender=\"simulator\"}"));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private List<Long> pendingTexts(int count, int... segmentCycle) {
        Instant now = TestClockProducer.CLOCK.instant();
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     INSERT INTO outbound_messages (to_phone, body, kind, segments, status, not_before, created_at, status_at)
                     VALUES (?, 'Paced text', 'transactional', ?, 'pending', ?, ?, ?) RETURNING id""")) {
            for (int i = 0; i < count; i++) {
                st.setString(1, TestData.norwegianMobile());
                st.setInt(2, segmentCycle[i % segmentCycle.length]);
                Jdbc.setInstant(st, 3, now);
                Jdbc.setInstant(st, 4, now);
                Jdbc.setInstant(st, 5, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /**
     * Dispatch batches as the dispatcher's loop runs them (see {@code PollingLoop}): the next at once after a full
     * batch, after the time the batch says the next text's tokens take (at most the poll interval), else after
     * the poll interval — the clock moved by that wait instead of waiting it.
     */
    private List<Sent> dispatchAll(List<Long> ids) {
        for (int batch = 0; sent(ids).size() < ids.size(); batch++) {
            assertThat(batch)
                    .as("batches to send " + ids.size() + " texts; sent: " + sent(ids))
                    .isLessThan(10_000);
            Duration next = dispatcher.dispatchBatch();
            Duration wait = next == null || next.compareTo(pollInterval) > 0 ? pollInterval : next;
            // In whole microseconds, as PostgreSQL keeps instants: the buckets then see exactly the time that passed.
            TestClockProducer.CLOCK.advance(wait.plusNanos(999).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        }
        return sent(ids);
    }

    private List<Sent> sent(List<Long> ids) {
        List<Sent> sent = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     SELECT m.dispatched_at, s.at, m.segments, m.attempts FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id
                     WHERE s.ledger_id = ANY(?) ORDER BY s.at""")) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sent.add(new Sent(Jdbc.getInstant(rs, 1), Jdbc.getInstant(rs, 2), rs.getInt(3), rs.getInt(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }
}
