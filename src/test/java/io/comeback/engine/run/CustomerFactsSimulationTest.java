package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.engine.model.Flow;
import io.comeback.engine.validate.FlowValidator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator computes the customer's facts from the orders it is given (never takes them as input, so they
 * cannot disagree with the history) and keeps them current as the timeline's orders come; flows read them in
 * trigger filters, branches and texts.
 */
class CustomerFactsSimulationTest {

    private static final FlowSimulator SIMULATOR = FlowSimulator.withDefaults("Fjellsport");

    private static Flow flow(String yaml) {
        return new FlowValidator().validate(yaml).flow().orElseThrow();
    }

    private static final Flow THIRD_ORDER = flow("""
            id: third
            settings: {kind: transactional, quiet_hours: none}
            trigger:
              order_placed:
                filters:
                  - field: customer.facts.ordersCount
                    equals: 3
            steps:
              - id: thanks
                send:
                  text: "Takk for tredje ordre! Vi ser du liker {{ customer.facts.favouriteCategory | alt }}."
            """);

    private static SimulationRequest.Customer kari() {
        return new SimulationRequest.Customer(
                "Kari", "+4791234567", "nb-NO", "Europe/Oslo", Map.of(), new SimulationRequest.Consent("opted_in"));
    }

    private static SimulationRequest.Order order(String at, String total, SimulationRequest.Item... items) {
        return new SimulationRequest.Order(Instant.parse(at), new BigDecimal(total), null, List.of(items));
    }

    private static SimulationRequest.Item item(String name, String category, Integer quantity, String price) {
        return new SimulationRequest.Item(null, name, category, quantity, price == null ? null : new BigDecimal(price));
    }

    private static final List<SimulationRequest.Order> THREE_ORDERS = List.of(
            order("2026-01-10T10:00:00Z", "300", item("Ullsokker", "Sokker", 3, "99")),
            order("2026-02-10T10:00:00Z", "1899", item("Fjellsko", "Sko", 1, "1899")),
            order("2026-03-10T10:00:00Z", "198", item("Turstrømper", "Sokker", 2, "99")));

    @Test
    void theThirdOrderEntersAndTheTextNamesTheFavouriteCategory() {
        SimulationResponse response = SIMULATOR.simulate(
                THIRD_ORDER,
                new SimulationRequest(
                        kari(),
                        THREE_ORDERS,
                        Instant.parse("2026-03-10T10:00:00Z"),
                        List.of(),
                        Instant.parse("2026-03-11T00:00:00Z")));
        assertThat(response.timeline()).extracting(TimelineEntry::kind).containsExactly("enter", "send", "exit");
        assertThat(response.timeline().get(1).text()).isEqualTo("Takk for tredje ordre! Vi ser du liker Sokker.");
        assertThat(response.facts())
                .containsEntry("ordersCount", "3")
                .containsEntry("firstOrderAt", "2026-01-10")
                .containsEntry("lastOrderAt", "2026-03-10")
                .containsEntry("totalSpent", "2397.00")
                .containsEntry("favouriteCategory", "Sokker")
                .containsEntry("lastProduct", "Turstrømper")
                .containsKey("medianGapDays");
    }

    @Test
    void theSecondOrderDoesNotPassTheFilter() {
        SimulationResponse response = SIMULATOR.simulate(
                THIRD_ORDER,
                new SimulationRequest(
                        kari(),
                        THREE_ORDERS.subList(0, 2),
                        Instant.parse("2026-02-10T10:00:00Z"),
                        List.of(),
                        Instant.parse("2026-02-11T00:00:00Z")));
        assertThat(response.timeline()).noneMatch(e -> e.kind().equals("send"));
        assertThat(response.facts()).containsEntry("ordersCount", "2");
    }

    @Test
    void anOrderDuringTheFlowCountsFromThenOn() {
        Flow countdown = flow("""
                id: count
                settings: {kind: transactional, quiet_hours: none}
                trigger: customer_created
                steps:
                  - id: pause
                    wait: P5D
                  - id: route
                    branch:
                      cases:
                        - if: {field: customer.facts.ordersCount, at_least: 1}
                          goto: bought
                  - id: nothing
                    send: {text: "Ingen ordre ennå"}
                  - id: stop
                    exit: none
                  - id: bought
                    send: {text: "{{ customer.facts.ordersCount }} ordre, sist {{ customer.facts.lastOrderAt }}"}
                """);
        SimulationResponse response = SIMULATOR.simulate(
                countdown,
                new SimulationRequest(
                        kari(),
                        List.of(),
                        Instant.parse("2026-03-01T10:00:00Z"),
                        List.of(new SimulationRequest.Event(
                                Instant.parse("2026-03-03T10:00:00Z"), "order", null, new BigDecimal("100"))),
                        Instant.parse("2026-03-20T00:00:00Z")));
        assertThat(response.timeline())
                .filteredOn(e -> e.kind().equals("send"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo("1 ordre, sist 2026-03-03"));
        assertThat(response.facts()).containsEntry("ordersCount", "0");
    }

    @Test
    void aVipSegmentEntersOnRfm555Only() {
        Flow vip = flow("""
                id: vip
                settings: {kind: transactional, quiet_hours: none}
                trigger:
                  segment:
                    when:
                      - field: customer.rfm.score
                        equals: "555"
                steps:
                  - id: welcome
                    send: {text: "Velkommen som VIP, {{ customer.facts.ordersCount }} ordre!"}
                """);
        for (String rfm : List.of("555", "554")) {
            SimulationRequest.Customer customer =
                    new SimulationRequest.Customer("Kari", "+4791234567", "nb-NO", "Europe/Oslo", Map.of(), null, rfm);
            List<TimelineEntry> timeline = SIMULATOR
                    .simulate(
                            vip,
                            new SimulationRequest(
                                    customer,
                                    THREE_ORDERS,
                                    Instant.parse("2026-04-01T10:00:00Z"),
                                    List.of(),
                                    Instant.parse("2026-04-02T00:00:00Z")))
                    .timeline();
            if (rfm.equals("555")) {
                assertThat(timeline).anySatisfy(e -> assertThat(e.text()).isEqualTo("Velkommen som VIP, 3 ordre!"));
            } else {
                assertThat(timeline).isEmpty();
            }
        }
    }

    @Test
    void orderItemsAreCheckedAsTheOrderApiChecksThem() {
        SimulationRequest bad = new SimulationRequest(
                kari(),
                List.of(order("2026-01-10T10:00:00Z", "300", item("Sokker", "Sokker", 0, "99"))),
                Instant.parse("2026-03-10T10:00:00Z"),
                List.of(),
                Instant.parse("2026-03-11T00:00:00Z"));
        assertThatThrownBy(() -> SIMULATOR.simulate(THIRD_ORDER, bad))
                .isInstanceOf(InvalidSimulationException.class)
                .hasMessageContaining("orders[0].items[0].quantity must be at least 1");
    }
}
