package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 500 marketing texts due late in the evening, to people in Oslo and Helsinki: every one is deferred
 * by quiet hours and goes out after 08:00 in the recipient's own zone — none before, none lost, none
 * twice, counted at the (simulated) provider — spread over the release ramp rather than at 08:00 sharp.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class QuietHoursReleaseTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final LocalDate EVENING = LocalDate.of(2032, 11, 16);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void fiveHundredDeferredTextsAllGoOutAfterEightLocalSpreadOverTheRamp() {
        Ledger ledger = new Ledger(dataSource);
        RuntimeDriver runtime = new RuntimeDriver();
        String flowId = "quiet_release_" + TestData.letters();
        Flow flow = runtime.register("""
                id: %s
                settings:
                  kind: marketing
                trigger: customer_created
                steps:
                  - id: offer
                    send:
                      text: "Ukens tilbud venter på deg. Svar STOPP for å melde deg av."
                """.formatted(flowId));
        Instant evening = EVENING.atTime(22, 30).atZone(OSLO).toInstant(); // 23:30 in Helsinki
        TestClockProducer.CLOCK.setTo(evening);
        Map<String, ZoneId> zoneOf = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            boolean oslo = i % 5 < 3;
            String phone = oslo ? TestData.norwegianMobile() : TestData.finnishMobile();
            ZoneId zone = oslo ? OSLO : HELSINKI;
            zoneOf.put(phone, zone);
            runtime.enroll(flow, ledger.customer(phone, zone.getId(), "opted_in"), evening);
        }

        runtime.stepTo(EVENING.plusDays(1).atTime(9, 0).atZone(OSLO).toInstant(), Duration.ofMinutes(1));

        List<List<Object>> sent = ledger.rows("""
                SELECT s.to_phone, s.at, s.ledger_id FROM simulator_messages s
                JOIN outbound_messages m ON m.id = s.ledger_id WHERE m.flow_id = ?""", flowId);
        Set<Object> ledgerIds = new HashSet<>();
        Map<ZoneId, Map<Long, Integer>> perMinute = new HashMap<>();
        for (List<Object> row : sent) {
            String phone = (String) row.get(0);
            Instant at = ((java.sql.Timestamp) row.get(1)).toInstant();
            ZoneId zone = zoneOf.get(phone);
            Instant eight =
                    EVENING.plusDays(1).atTime(LocalTime.of(8, 0)).atZone(zone).toInstant();
            assertThat(at)
                    .as("text to %s (%s)", phone, zone)
                    .isAfterOrEqualTo(eight)
                    .isBefore(eight.plus(Duration.ofMinutes(31)));
            ledgerIds.add(row.get(2));
            perMinute
                    .computeIfAbsent(zone, z -> new HashMap<>())
                    .merge(Duration.between(eight, at).toMinutes(), 1, Integer::sum);
        }
        assertThat(sent).as("texts at the provider").hasSize(500);
        assertThat(ledgerIds).as("distinct ledger rows: no duplicates").hasSize(500);
        assertThat(sent.stream().map(r -> r.get(0)).distinct().count())
                .as("distinct recipients")
                .isEqualTo(500);
        assertThat(ledger.single(
                        "SELECT count(*) FROM outbound_messages WHERE flow_id = ? AND status IN ('pending', 'blocked')",
                        flowId))
                .as("none left behind or blocked")
                .isZero();
        // The ramp: Oslo's 300 spread over the 30 minutes, not a burst in the first one.
        Map<Long, Integer> oslo = perMinute.get(OSLO);
        assertThat(oslo.size()).as("distinct minutes used in Oslo").isGreaterThanOrEqualTo(20);
        assertThat(oslo.values().stream().mapToInt(Integer::intValue).max().orElseThrow())
                .as("busiest minute")
                .isLessThan(40);
        assertThat(perMinute.get(HELSINKI).size()).isGreaterThanOrEqualTo(15);
        assertThat(ledger.single(
                        "SELECT count(*) FROM outbound_messages WHERE flow_id = ? AND status_reason = 'quiet_hours'",
                        flowId))
                .as("held by the ramp, with the reason")
                .isGreaterThan(450);
    }
}
