package io.comeback.engine.run;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated customer's order history, from which their facts ({@code customer.facts.*}) are computed as the
 * runtime keeps them: the request's {@code orders} placed by a moment, then the timeline's orders as they happen.
 */
final class SimulatedOrders {

    private final List<FactOrder> given;
    private final ZoneId zone;
    private List<FactOrder> known = new ArrayList<>();

    SimulatedOrders(List<FactOrder> given, ZoneId zone) {
        this.given = given;
        this.zone = zone;
    }

    /**
     * The facts at {@code at}: the given orders placed by then and the timeline's orders among its first
     * {@code eventsBefore} events; the history continues from there ({@link #add}).
     */
    CustomerFacts factsAt(Instant at, List<SimulationRequest.Event> events, int eventsBefore) {
        known = new ArrayList<>();
        for (FactOrder order : given) {
            if (!order.placedAt().isAfter(at)) {
                known.add(order);
            }
        }
        for (int i = 0; i < eventsBefore && i < events.size(); i++) {
            if ("order".equals(events.get(i).type())) {
                add(events.get(i));
            }
        }
        return facts();
    }

    /** The facts before the first event at or after {@code at}. */
    CustomerFacts factsAt(Instant at, List<SimulationRequest.Event> events) {
        int before = 0;
        while (before < events.size() && events.get(before).at().isBefore(at)) {
            before++;
        }
        return factsAt(at, events, before);
    }

    /** A timeline order (it has no items). */
    void add(SimulationRequest.Event order) {
        known.add(new FactOrder(order.at(), order.total(), List.of()));
    }

    CustomerFacts facts() {
        return CustomerFacts.of(known, zone);
    }
}
