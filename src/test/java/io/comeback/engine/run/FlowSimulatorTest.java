package io.comeback.engine.run;

import static io.comeback.engine.run.TestFlows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.engine.model.EntryRules;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.Goal;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FlowSimulatorTest {

    private static final FlowSimulator SIMULATOR = FlowSimulator.withDefaults("Fjellsport");

    private static SimulationRequest.Customer kari() {
        return new SimulationRequest.Customer(
                "Kari", "+4791234567", "nb-NO", "Europe/Oslo", Map.of(), new SimulationRequest.Consent("opted_in"));
    }

    private static SimulationRequest.Event event(String at, String type, String body) {
        return new SimulationRequest.Event(Instant.parse(at), type, body, null);
    }

    private static Flow npsFlow() {
        return flow(
                "feedback",
                Optional.empty(),
                send("ask", "Hei {{ customer.firstName }}! Hvor fornøyd er du, 0-10?", null),
                npsQuestion("answer", 1),
                setFrom("promoter", "nps", "reply.score"),
                send("thanks", "Tusen takk!", null),
                exit("done_promoter", "promoter"),
                setFrom("detractor", "nps", "reply.score"),
                exit("done_detractor", "detractor"),
                setFrom("passive", "nps", "reply.score"),
                exit("done_passive", "passive"),
                exit("declined", "declined"),
                exit("no_answer", "no_answer"));
    }

    @Test
    void timelineShowsDeferralSendsAndAttributesWithTimestamps() {
        SimulationRequest request = new SimulationRequest(
                kari(),
                List.of(),
                Instant.parse("2026-06-15T21:30:00Z"),
                List.of(event("2026-06-16T07:15:00Z", "reply", "ti")),
                Instant.parse("2026-06-30T00:00:00Z"));

        List<TimelineEntry> timeline = SIMULATOR.simulate(npsFlow(), request).timeline();

        assertThat(timeline)
                .containsExactly(
                        new TimelineEntry(
                                Instant.parse("2026-06-15T21:30:00Z"),
                                "enter",
                                null,
                                null,
                                null,
                                null,
                                "customer_created"),
                        new TimelineEntry(
                                Instant.parse("2026-06-15T21:30:00Z"),
                                "defer",
                                "ask",
                                null,
                                null,
                                "2026-06-16T06:00:00Z",
                                "quiet_hours"),
                        new TimelineEntry(
                                Instant.parse("2026-06-16T06:00:00Z"),
                                "send",
                                "ask",
                                "Hei Kari! Hvor fornøyd er du, 0-10?",
                                null,
                                "nb",
                                null),
                        new TimelineEntry(Instant.parse("2026-06-16T07:15:00Z"), "set", null, null, "nps", "10", null),
                        new TimelineEntry(
                                Instant.parse("2026-06-16T07:15:00Z"),
                                "send",
                                "thanks",
                                "Tusen takk!",
                                null,
                                "nb",
                                null),
                        new TimelineEntry(
                                Instant.parse("2026-06-16T07:15:00Z"),
                                "exit",
                                "done_promoter",
                                null,
                                null,
                                null,
                                "promoter"));
    }

    @Test
    void stopsAtUntilAndIgnoresEventsBeforeEntry() {
        SimulationRequest request = new SimulationRequest(
                kari(),
                List.of(),
                Instant.parse("2026-06-15T10:00:00Z"),
                List.of(event("2026-06-15T09:00:00Z", "reply", "9")),
                Instant.parse("2026-06-16T10:00:00Z"));
        List<TimelineEntry> timeline = SIMULATOR.simulate(npsFlow(), request).timeline();
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("enter", "send");
    }

    @Test
    void timeoutAfterTheDeadline() {
        SimulationRequest request = new SimulationRequest(
                kari(),
                List.of(),
                Instant.parse("2026-06-15T10:00:00Z"),
                List.of(),
                Instant.parse("2026-06-30T00:00:00Z"));
        List<TimelineEntry> timeline = SIMULATOR.simulate(npsFlow(), request).timeline();
        assertThat(timeline.get(timeline.size() - 1))
                .isEqualTo(new TimelineEntry(
                        Instant.parse("2026-06-17T10:00:00Z"), "exit", "no_answer", null, null, null, "no_answer"));
    }

    private static Flow winback(Trigger.Inactive trigger) {
        Flow base = flow(
                "winback",
                Optional.of(EventType.ORDERED),
                sendWithCoupon("offer", "Vi savner deg, {{ customer.firstName }}! Bruk {{ coupon.code }}."),
                waitFor("w1", "P5D"),
                send("reminder", "Koden {{ coupon.code }} gjelder fortsatt.", null));
        EntryRules entry =
                new EntryRules(List.of(), new ReEntry.Never(AT), 0, Optional.of(new Goal(EventType.ORDERED, AT)), AT);
        return new Flow(base.id(), base.name(), "", "v1", base.settings(), trigger, entry, Map.of(), base.steps(), AT);
    }

    private static Trigger.Inactive rhythmTwoFixed120() {
        return new Trigger.Inactive(
                Optional.of(FlowDuration.of("P120D")),
                OptionalDouble.of(2.0),
                3,
                Optional.empty(),
                OptionalInt.empty(),
                AT);
    }

    private static List<SimulationRequest.Order> orders(String... dates) {
        return java.util.Arrays.stream(dates)
                .map(d -> new SimulationRequest.Order(Instant.parse(d + "T10:00:00Z"), new BigDecimal("500"), null))
                .toList();
    }

    @Test
    void inactiveTriggerFiresByPersonalRhythmAndAnOrderEndsItAsConversion() {
        SimulationRequest request = new SimulationRequest(
                kari(),
                orders("2026-01-01", "2026-01-21", "2026-02-10"),
                Instant.parse("2026-02-11T00:00:00Z"),
                List.of(new SimulationRequest.Event(
                        Instant.parse("2026-03-24T15:00:00Z"), "order", null, new BigDecimal("700"))),
                Instant.parse("2026-06-01T00:00:00Z"));
        List<TimelineEntry> timeline =
                SIMULATOR.simulate(winback(rhythmTwoFixed120()), request).timeline();

        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("enter", "send", "exit");
        assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2026-03-22T10:00:00Z"));
        assertThat(timeline.get(0).reason()).contains("personal rhythm").contains("40 days");
        assertThat(timeline.get(1).text()).matches("Vi savner deg, Kari! Bruk WB[A-Z2-9]{6}\\.");
        assertThat(timeline.get(2))
                .isEqualTo(new TimelineEntry(
                        Instant.parse("2026-03-24T15:00:00Z"), "exit", "w1", null, null, null, "goal_reached"));
    }

    @Test
    void anOrderBeforeTheLapsePostponesTheWinback() {
        SimulationRequest request = new SimulationRequest(
                kari(),
                orders("2026-01-01", "2026-01-21", "2026-02-10"),
                Instant.parse("2026-02-11T00:00:00Z"),
                List.of(new SimulationRequest.Event(
                        Instant.parse("2026-03-01T10:00:00Z"), "order", null, new BigDecimal("700"))),
                Instant.parse("2026-06-01T00:00:00Z"));
        List<TimelineEntry> timeline =
                SIMULATOR.simulate(winback(rhythmTwoFixed120()), request).timeline();
        // gaps now 20, 20, 19 days -> median 20 -> lapse 40 days after 2026-03-01
        assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2026-04-10T10:00:00Z"));
    }

    @Test
    void neverEntersWhenTheCustomerDoesNotLapseBeforeUntil() {
        SimulationRequest request = new SimulationRequest(
                kari(),
                orders("2025-02-10", "2025-08-10", "2026-02-10"),
                Instant.parse("2026-02-11T00:00:00Z"),
                List.of(),
                Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(SIMULATOR.simulate(winback(rhythmTwoFixed120()), request).timeline())
                .isEmpty();
    }

    @Test
    void refusesRequestsThatCannotBeSimulated() {
        SimulationRequest badZone = new SimulationRequest(
                new SimulationRequest.Customer("Kari", null, "nb", "Mars/Olympus", Map.of(), null),
                List.of(),
                Instant.parse("2026-06-15T10:00:00Z"),
                List.of(),
                Instant.parse("2026-06-16T10:00:00Z"));
        assertThatThrownBy(() -> SIMULATOR.simulate(npsFlow(), badZone))
                .isInstanceOf(InvalidSimulationException.class)
                .hasMessageContaining("Europe/Oslo");
        SimulationRequest badType = new SimulationRequest(
                kari(),
                List.of(),
                Instant.parse("2026-06-15T10:00:00Z"),
                List.of(event("2026-06-15T11:00:00Z", "telepathy", null)),
                Instant.parse("2026-06-16T10:00:00Z"));
        assertThatThrownBy(() -> SIMULATOR.simulate(npsFlow(), badType)).hasMessageContaining("telepathy");
        SimulationRequest backwards = new SimulationRequest(
                kari(),
                List.of(),
                Instant.parse("2026-06-15T10:00:00Z"),
                List.of(),
                Instant.parse("2026-06-14T10:00:00Z"));
        assertThatThrownBy(() -> SIMULATOR.simulate(npsFlow(), backwards)).hasMessageContaining("must be after start");
    }
}
