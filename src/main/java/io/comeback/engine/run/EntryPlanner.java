package io.comeback.engine.run;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for the simulator, when the customer enters the flow and with what context — the part
 * the runtime's triggers and inactivity detector do in production.
 */
final class EntryPlanner {

    /** {@code firstEvent}: index of the first timeline event the enrollment sees (earlier ones came before entry). */
    record Entry(Instant at, FlowEvent.Started started, String reason, int firstEvent) {
    }

    private EntryPlanner() {}

    /** Empty when the trigger never fires before {@code until}. */
    static Optional<Entry> plan(Flow flow, SimulationRequest request, List<SimulationRequest.Event> events, ZoneId zone) {
        Trigger trigger = flow.trigger();
        Instant start = request.start();
        if (trigger instanceof Trigger.Inactive inactive) {
            return inactive(inactive, request, events, zone);
        }
        if (trigger instanceof Trigger.OrderPlaced orderPlaced) {
            Instant at = orderPlaced.delay().map(d -> d.addTo(start, zone)).orElse(start);
            Optional<SimulationRequest.Order> order = request.orders().stream()
                    .filter(o -> o.placedAt() != null && !o.placedAt().isAfter(start))
                    .max((a, b) -> a.placedAt().compareTo(b.placedAt()));
            FlowEvent.Started started = order
                    .map(o -> FlowEvent.Started.forOrder("sim-order", o.total(), o.couponCode()))
                    .orElseGet(() -> FlowEvent.Started.forOrder("sim-order", null, null));
            String reason = "order_placed" + orderPlaced.delay().map(d -> " + " + d).orElse("");
            return Optional.of(new Entry(at, started, reason, firstAtOrAfter(events, at)));
        }
        return Optional.of(new Entry(start, FlowEvent.Started.plain(), trigger.type(), firstAtOrAfter(events, start)));
    }

    /**
     * Walks the timeline: activity before the customer lapses pushes the lapse later, so the
     * enrollment starts at the first moment the trigger holds with everything known by then.
     */
    private static Optional<Entry> inactive(Trigger.Inactive trigger, SimulationRequest request,
                                            List<SimulationRequest.Event> events, ZoneId zone) {
        List<Instant> orders = new ArrayList<>();
        request.orders().stream().map(SimulationRequest.Order::placedAt).filter(java.util.Objects::nonNull)
                .forEach(orders::add);
        List<Instant> engagements = new ArrayList<>();
        int next = 0;
        while (true) {
            Optional<Inactivity.Onset> onset = Inactivity.onset(trigger, orders, engagements, zone);
            Optional<Instant> candidate = onset.map(o -> o.at().isAfter(request.start()) ? o.at() : request.start());
            boolean activityFirst = next < events.size()
                    && (candidate.isEmpty() || !events.get(next).at().isAfter(candidate.get()));
            if (!activityFirst) {
                return candidate.map(at -> new Entry(at, FlowEvent.Started.plain(),
                        "inactive (" + onset.get().explanation() + ")", firstAtOrAfter(events, at)));
            }
            SimulationRequest.Event event = events.get(next++);
            if ("order".equals(event.type())) {
                orders.add(event.at());
            } else if (!"opt_out".equals(event.type())) {
                engagements.add(event.at());
            }
        }
    }

    private static int firstAtOrAfter(List<SimulationRequest.Event> events, Instant at) {
        int i = 0;
        while (i < events.size() && events.get(i).at().isBefore(at)) {
            i++;
        }
        return i;
    }
}
