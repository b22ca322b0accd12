package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.validate.FlowValidator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator enters the customer as the runtime would, for every trigger. */
class TriggerSimulationTest {

    private static final FlowSimulator SIMULATOR = FlowSimulator.withDefaults("Fjellsport");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static Flow flow(String kind, String trigger, String entry) {
        return new FlowValidator()
                .validate("id: t\nsettings:\n  kind: " + kind + "\n  quiet_hours: none\ntrigger:\n"
                        + trigger + entry
                        + "steps:\n  - id: hello\n    send:\n      text: \"Hei {{ customer.firstName }}! "
                        + "Svar STOPP for å melde deg av.\"\n")
                .flow()
                .orElseThrow();
    }

    private static SimulationRequest.Customer customer(String birthday, String consent) {
        return new SimulationRequest.Customer(
                "Kari",
                "Nordmann",
                "kari@example.com",
                "+4791234567",
                "nb-NO",
                "Europe/Oslo",
                birthday,
                Map.of(),
                new SimulationRequest.Consent(consent),
                null);
    }

    private static List<TimelineEntry> simulate(
            Flow flow,
            SimulationRequest.Customer customer,
            String start,
            String until,
            List<SimulationRequest.Event> events) {
        return SIMULATOR
                .simulate(
                        flow,
                        new SimulationRequest(customer, List.of(), Instant.parse(start), events, Instant.parse(until)))
                .timeline();
    }

    @Test
    void aBirthdayFlowEntersOnTheBirthdayAtItsLocalTimeNotAtStart() {
        Flow birthday = flow("marketing", "  date:\n    attribute: birthday\n    at: \"09:30\"\n", "");
        List<TimelineEntry> timeline = simulate(
                birthday,
                customer("1990-06-15", "opted_in"),
                "2026-01-01T00:00:00Z",
                "2026-12-31T00:00:00Z",
                List.of());
        assertThat(timeline.get(0).kind()).isEqualTo("enter");
        // 09:30 in Oslo in summer (UTC+2).
        assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2026-06-15T07:30:00Z"));
        assertThat(timeline.get(0).reason()).isEqualTo("date birthday: 2026-06-15 at 09:30 Europe/Oslo");
        assertThat(timeline.get(1).kind()).isEqualTo("send");
        assertThat(timeline.get(1).at()).isEqualTo(Instant.parse("2026-06-15T07:30:00Z"));
    }

    @Test
    void aBirthdayAlreadyPassedThisYearEntersNextYearAndOneWithoutABirthdayNever() {
        Flow birthday = flow("marketing", "  date:\n    attribute: birthday\n", "");
        List<TimelineEntry> timeline = simulate(
                birthday,
                customer("1990-03-01", "opted_in"),
                "2026-06-01T00:00:00Z",
                "2027-12-31T00:00:00Z",
                List.of());
        assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(simulate(
                        birthday,
                        customer(null, "opted_in"),
                        "2026-06-01T00:00:00Z",
                        "2027-12-31T00:00:00Z",
                        List.of()))
                .isEmpty();
    }

    @Test
    void dateTimesAreResolvedInTheCustomersZoneAcrossDaylightSavingTime() {
        // 02:30 does not exist in Oslo on 2026-03-29: the clocks jump from 02:00 to 03:00, and the trigger fires then.
        Trigger.DateTrigger springForward = (Trigger.DateTrigger) flow(
                        "transactional",
                        "  date:\n    attribute: birthday\n    at: \"02:30\"\n",
                        "entry:\n  re_entry: always\n")
                .trigger();
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                springForward,
                                LocalDate.parse("1990-03-29"),
                                OSLO,
                                Instant.parse("2026-01-01T00:00:00Z"))
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        // 02:30 happens twice on 2026-10-25: the first one (summer time, UTC+2) counts.
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                springForward,
                                LocalDate.parse("1990-10-25"),
                                OSLO,
                                Instant.parse("2026-01-01T00:00:00Z"))
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        // Ten in the morning is 09:00Z in winter and 08:00Z in summer.
        Trigger.DateTrigger ten = (Trigger.DateTrigger)
                flow("transactional", "  date:\n    attribute: birthday\n", "entry:\n  re_entry: always\n")
                        .trigger();
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                ten, LocalDate.parse("1990-01-10"), OSLO, Instant.parse("2026-01-01T00:00:00Z"))
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(Instant.parse("2026-01-10T09:00:00Z"));
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                ten, LocalDate.parse("1990-07-10"), OSLO, Instant.parse("2026-01-01T00:00:00Z"))
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(Instant.parse("2026-07-10T08:00:00Z"));
    }

    @Test
    void the29thOfFebruaryComesRoundOnThe28thInOtherYearsAndOffsetsMoveTheDay() {
        Trigger.DateTrigger weekBefore = (Trigger.DateTrigger) flow(
                        "transactional",
                        "  date:\n    attribute: birthday\n    offset_days: -7\n",
                        "entry:\n  re_entry: always\n")
                .trigger();
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                weekBefore, LocalDate.parse("2000-02-29"), OSLO, Instant.parse("2027-01-01T00:00:00Z"))
                        .orElseThrow()
                        .day())
                .isEqualTo(LocalDate.parse("2027-02-21"));
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                weekBefore, LocalDate.parse("2000-02-29"), OSLO, Instant.parse("2028-01-01T00:00:00Z"))
                        .orElseThrow()
                        .day())
                .isEqualTo(LocalDate.parse("2028-02-22"));
        // A week before 3 January is in the year before.
        assertThat(DateTriggerTimes.firstAtOrAfter(
                                weekBefore, LocalDate.parse("1980-01-03"), OSLO, Instant.parse("2026-06-01T00:00:00Z"))
                        .orElseThrow()
                        .day())
                .isEqualTo(LocalDate.parse("2026-12-27"));
        // Matched for this year's birthday already: the next one is due only next year.
        assertThat(DateTriggerTimes.dueBetween(
                        weekBefore,
                        LocalDate.parse("1980-06-10"),
                        OSLO,
                        Instant.parse("2026-06-02T00:00:00Z"),
                        Instant.parse("2026-06-04T00:00:00Z"),
                        LocalDate.parse("2026-06-03")))
                .isEmpty();
        assertThat(DateTriggerTimes.dueBetween(
                                weekBefore,
                                LocalDate.parse("1980-06-10"),
                                OSLO,
                                Instant.parse("2026-06-02T00:00:00Z"),
                                Instant.parse("2026-06-04T00:00:00Z"),
                                LocalDate.parse("2025-06-03"))
                        .orElseThrow()
                        .dueAt())
                .isEqualTo(Instant.parse("2026-06-03T08:00:00Z"));
    }

    @Test
    void theFirstOrdersAnniversaryComesFromTheOrderHistory() {
        Flow anniversary =
                flow("marketing", "  date:\n    field: customer.firstOrderAt\n", "entry:\n  re_entry: always\n");
        SimulationRequest request = new SimulationRequest(
                customer(null, "opted_in"),
                List.of(
                        new SimulationRequest.Order(Instant.parse("2024-09-30T22:30:00Z"), new BigDecimal("100"), null),
                        new SimulationRequest.Order(
                                Instant.parse("2025-02-01T10:00:00Z"), new BigDecimal("100"), null)),
                Instant.parse("2026-01-01T00:00:00Z"),
                List.of(),
                Instant.parse("2026-12-31T00:00:00Z"));
        // 22:30Z on 30 September is 1 October in Oslo.
        assertThat(SIMULATOR.simulate(anniversary, request).timeline().get(0).at())
                .isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
    }

    @Test
    void anEventFlowEntersAtTheFirstEventOfItsTypeThatPassesTheFilters() {
        Flow wishlist = flow("marketing", """
                  event:
                    type: wishlist_added
                    filters:
                      - field: event.category
                        equals: shoes
                """, "entry:\n  goal: {event: newsletter_signup}\n");
        List<TimelineEntry> timeline = simulate(
                wishlist,
                customer(null, "opted_in"),
                "2026-06-01T00:00:00Z",
                "2026-06-30T00:00:00Z",
                List.of(
                        new SimulationRequest.Event(
                                Instant.parse("2026-06-02T10:00:00Z"),
                                "event",
                                null,
                                null,
                                "wishlist_added",
                                Map.of("category", "jackets")),
                        new SimulationRequest.Event(
                                Instant.parse("2026-06-03T10:00:00Z"),
                                "event",
                                null,
                                null,
                                "page_view",
                                Map.of("category", "shoes")),
                        new SimulationRequest.Event(
                                Instant.parse("2026-06-04T10:00:00Z"),
                                "event",
                                null,
                                null,
                                "wishlist_added",
                                Map.of("category", "shoes"))));
        assertThat(timeline.get(0)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo("enter");
            assertThat(e.at()).isEqualTo(Instant.parse("2026-06-04T10:00:00Z"));
            assertThat(e.reason()).isEqualTo("event wishlist_added");
        });
    }

    @Test
    void aRecordedEventThatIsTheGoalEndsTheEnrollment() {
        Flow withGoal = new FlowValidator().validate("""
                id: t
                settings: {kind: transactional}
                trigger: customer_created
                entry:
                  goal: {event: newsletter_signup}
                steps:
                  - id: wait
                    wait: P3D
                  - id: hello
                    send: {text: "Hei!"}
                """).flow().orElseThrow();
        List<TimelineEntry> timeline = simulate(
                withGoal,
                customer(null, "opted_in"),
                "2026-06-01T10:00:00Z",
                "2026-06-30T00:00:00Z",
                List.of(new SimulationRequest.Event(
                        Instant.parse("2026-06-02T10:00:00Z"), "event", null, null, "newsletter_signup", Map.of())));
        assertThat(timeline).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("exit");
            assertThat(e.reason()).isEqualTo("goal_reached");
            assertThat(e.at()).isEqualTo(Instant.parse("2026-06-02T10:00:00Z"));
        });
    }

    @Test
    void aMarketingKeywordFromSomeoneNotOptedInEntersWhenTheyConfirmWithJa() {
        Flow keyword = flow("marketing", "  keyword:\n    words: [VIP]\n", "");
        List<TimelineEntry> timeline = simulate(
                keyword,
                customer(null, "unknown"),
                "2026-06-01T10:00:00Z",
                "2026-06-30T00:00:00Z",
                List.of(new SimulationRequest.Event(Instant.parse("2026-06-01T10:02:00Z"), "reply", "Ja!", null)));
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly("enter", "send", "exit");
        assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2026-06-01T10:02:00Z"));
        assertThat(timeline.get(0).reason()).isEqualTo("keyword (confirmed: Ja!)");

        assertThat(simulate(
                        keyword, customer(null, "unknown"), "2026-06-01T10:00:00Z", "2026-06-30T00:00:00Z", List.of()))
                .isEmpty();
        assertThat(simulate(
                                keyword,
                                customer(null, "opted_in"),
                                "2026-06-01T10:00:00Z",
                                "2026-06-30T00:00:00Z",
                                List.of())
                        .get(0)
                        .at())
                .isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
    }

    @Test
    void aSegmentFlowEntersAtStartWhenTheCustomerIsInTheSegment() {
        Flow segment = flow("marketing", "  segment:\n    when:\n      - attribute: tier\n        equals: gold\n", "");
        SimulationRequest.Customer gold = new SimulationRequest.Customer(
                "Kari",
                null,
                null,
                "+4791234567",
                "nb-NO",
                "Europe/Oslo",
                null,
                Map.of("tier", "gold"),
                new SimulationRequest.Consent("opted_in"),
                null);
        assertThat(simulate(segment, gold, "2026-06-01T10:00:00Z", "2026-06-30T00:00:00Z", List.of())
                        .get(0))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("enter");
                    assertThat(e.reason()).isEqualTo("segment");
                });
        assertThat(simulate(
                        segment, customer(null, "opted_in"), "2026-06-01T10:00:00Z", "2026-06-30T00:00:00Z", List.of()))
                .isEmpty();
    }

    @Test
    void theBirthdayFieldIsTheAttributeBirthdayAndABadOneIsRefused() {
        Flow greet = new FlowValidator().validate("""
                id: t
                settings: {kind: transactional}
                trigger: customer_created
                steps:
                  - id: hello
                    send: {text: "Bursdag {{ customer.attributes.birthday | ukjent }}, {{ customer.lastName }}"}
                """).flow().orElseThrow();
        assertThat(simulate(
                                greet,
                                customer("1990-06-15", "opted_in"),
                                "2026-06-01T10:00:00Z",
                                "2026-06-30T00:00:00Z",
                                List.of())
                        .get(1)
                        .text())
                .isEqualTo("Bursdag 1990-06-15, Nordmann");
        assertThatThrownBy(() -> simulate(
                        greet,
                        customer("15.06.1990", "opted_in"),
                        "2026-06-01T10:00:00Z",
                        "2026-06-30T00:00:00Z",
                        List.of()))
                .isInstanceOf(InvalidSimulationException.class)
                .hasMessageContaining("customer.birthday '15.06.1990' is not a date");
    }
}
