package io.comeback.engine.run;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.DateField;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.text.InboundKeywords;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, for the simulator, when the customer enters the flow and with what context — the part
 * the runtime's triggers, keyword routing and detection passes do in production.
 */
final class EntryPlanner {

    /**
     * {@code firstEvent}: index of the first timeline event the enrollment sees (earlier ones came before entry);
     * {@code confirmedConsent}: the customer opted in on the way in (a keyword sign-up they confirmed).
     */
    record Entry(Instant at, FlowEvent.Started started, String reason, int firstEvent, boolean confirmedConsent) {
        Entry(Instant at, FlowEvent.Started started, String reason, int firstEvent) {
            this(at, started, reason, firstEvent, false);
        }
    }

    private EntryPlanner() {}

    /** Empty when the trigger never fires before {@code until}. */
    static Optional<Entry> plan(
            Flow flow,
            SimulationRequest request,
            List<SimulationRequest.Event> events,
            CustomerView customer,
            FlowInterpreter interpreter,
            Duration rhythmFloor,
            SimulatedOrders history) {
        Trigger trigger = flow.trigger();
        Instant start = request.start();
        ZoneId zone = customer.timeZone();
        if (trigger instanceof Trigger.Inactive inactive) {
            return inactive(inactive, request, events, zone, rhythmFloor);
        }
        if (trigger instanceof Trigger.DateTrigger date) {
            return date(date, request, events, customer);
        }
        if (trigger instanceof Trigger.EventTrigger event) {
            return event(flow, event, events, customer, interpreter, start, history);
        }
        if (trigger instanceof Trigger.Segment segment) {
            // The detection pass finds the customer in the segment; what the timeline does cannot change it.
            return interpreter.holds(flow, segment.when(), customer, Map.of(), start)
                    ? Optional.of(new Entry(start, FlowEvent.Started.plain(), "segment", firstAtOrAfter(events, start)))
                    : Optional.empty();
        }
        if (trigger instanceof Trigger.Keyword
                && flow.settings().isMarketing()
                && customer.consent() != ConsentStatus.OPTED_IN) {
            return confirmedKeyword(events, start);
        }
        if (trigger instanceof Trigger.OrderPlaced orderPlaced) {
            Instant at = orderPlaced.delay().map(d -> d.addTo(start, zone)).orElse(start);
            Optional<SimulationRequest.Order> order = request.orders().stream()
                    .filter(o -> o.placedAt() != null && !o.placedAt().isAfter(start))
                    .max((a, b) -> a.placedAt().compareTo(b.placedAt()));
            FlowEvent.Started started = order.map(
                            o -> FlowEvent.Started.forOrder("sim-order", o.total(), o.couponCode()))
                    .orElseGet(() -> FlowEvent.Started.forOrder("sim-order", null, null));
            String reason =
                    "order_placed" + orderPlaced.delay().map(d -> " + " + d).orElse("");
            return Optional.of(new Entry(at, started, reason, firstAtOrAfter(events, at)));
        }
        return Optional.of(new Entry(start, FlowEvent.Started.plain(), trigger.type(), firstAtOrAfter(events, start)));
    }

    /**
     * The first time the customer's date comes round at or after {@code start}: an attribute (the customer's
     * {@code birthday} is the attribute of that name), or the first order (the earliest of {@code orders},
     * else the first order in the timeline).
     */
    private static Optional<Entry> date(
            Trigger.DateTrigger trigger,
            SimulationRequest request,
            List<SimulationRequest.Event> events,
            CustomerView customer) {
        Optional<LocalDate> date;
        if (trigger.field().kind() == DateField.Kind.FIRST_ORDER) {
            Optional<Instant> first = request.orders().stream()
                    .map(SimulationRequest.Order::placedAt)
                    .filter(Objects::nonNull)
                    .min(Instant::compareTo);
            if (first.isEmpty()) {
                first = events.stream()
                        .filter(e -> "order".equals(e.type()))
                        .map(SimulationRequest.Event::at)
                        .findFirst();
            }
            date = first.map(at -> at.atZone(customer.timeZone()).toLocalDate());
        } else {
            date = DateTriggerTimes.parse(
                    customer.attributes().get(trigger.field().attribute()));
        }
        return date.flatMap(d -> DateTriggerTimes.firstAtOrAfter(trigger, d, customer.timeZone(), request.start()))
                .map(o -> new Entry(
                        o.dueAt(),
                        FlowEvent.Started.plain(),
                        "date " + trigger.field().describe() + ": " + o.day() + " at " + trigger.at() + " "
                                + customer.timeZone().getId(),
                        firstAtOrAfter(events, o.dueAt())));
    }

    /** The first event of the trigger's type at or after {@code start} whose properties pass the filters. */
    private static Optional<Entry> event(
            Flow flow,
            Trigger.EventTrigger trigger,
            List<SimulationRequest.Event> events,
            CustomerView customer,
            FlowInterpreter interpreter,
            Instant start,
            SimulatedOrders history) {
        for (int i = 0; i < events.size(); i++) {
            SimulationRequest.Event e = events.get(i);
            if (e.at().isBefore(start)
                    || !"event".equals(e.type())
                    || !trigger.eventType().equals(e.name())) {
                continue;
            }
            Map<String, String> context = SimulatedCustomer.eventVariables(e);
            CustomerView then = customer.withFacts(history.factsAt(e.at(), events, i));
            if (interpreter.holds(flow, trigger.filters(), then, context, e.at())) {
                // The event that starts the enrollment is not also an event inside it.
                return Optional.of(new Entry(e.at(), new FlowEvent.Started(context), "event " + e.name(), i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * A marketing keyword from someone not opted in: the service asks them to confirm (double opt-in) and they
     * enter, opted in, when they answer YES or JA; the answer is not a reply inside the flow.
     */
    private static Optional<Entry> confirmedKeyword(List<SimulationRequest.Event> events, Instant start) {
        for (int i = 0; i < events.size(); i++) {
            SimulationRequest.Event e = events.get(i);
            if (e.at().isBefore(start)) {
                continue;
            }
            if ("opt_out".equals(e.type())
                    || ("reply".equals(e.type()) && InboundKeywords.DEFAULT.isOptOut(e.body()))) {
                return Optional.empty();
            }
            if ("reply".equals(e.type()) && InboundKeywords.DEFAULT.isConfirmation(e.body())) {
                return Optional.of(new Entry(
                        e.at(),
                        FlowEvent.Started.plain(),
                        "keyword (confirmed: " + e.body().trim() + ")",
                        i + 1,
                        true));
            }
        }
        return Optional.empty();
    }

    /**
     * Walks the timeline: activity before the customer lapses pushes the lapse later, so the
     * enrollment starts at the first moment the trigger holds with everything known by then.
     */
    private static Optional<Entry> inactive(
            Trigger.Inactive trigger,
            SimulationRequest request,
            List<SimulationRequest.Event> events,
            ZoneId zone,
            Duration rhythmFloor) {
        List<Instant> orders = new ArrayList<>();
        request.orders().stream()
                .map(SimulationRequest.Order::placedAt)
                .filter(java.util.Objects::nonNull)
                .forEach(orders::add);
        List<Instant> engagements = new ArrayList<>();
        int next = 0;
        while (true) {
            Optional<Inactivity.Onset> onset = Inactivity.onset(trigger, orders, engagements, zone, rhythmFloor);
            Optional<Instant> candidate = onset.map(o -> o.at().isAfter(request.start()) ? o.at() : request.start());
            boolean activityFirst = next < events.size()
                    && (candidate.isEmpty() || !events.get(next).at().isAfter(candidate.get()));
            if (!activityFirst) {
                return candidate.map(at -> new Entry(
                        at,
                        FlowEvent.Started.plain(),
                        "inactive (" + onset.get().explanation() + ")",
                        firstAtOrAfter(events, at)));
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
