package io.comeback.enrollment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.AudienceEvents;
import io.comeback.audience.Customer;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Variables;
import io.comeback.engine.run.FlowEvent;
import io.comeback.flows.FlowCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires ingest to flows, inside the ingest transaction: a new customer enters {@code customer_created}
 * flows; an order is first a goal event for running enrollments, then enters {@code order_placed}
 * flows (starting after their delay); an engagement event first reaches running enrollments (clicks and
 * visits, and any type a flow has as its goal), then enters the {@code event} flows of its type. Only
 * rows are written here — the wake-up workers do the rest moments later.
 */
@ApplicationScoped
public class IngestTriggers {

    private final FlowCatalog catalog;
    private final Enrollments enrollments;
    private final EnrollmentSignals signals;
    private final WakeUpWorkers workers;
    private final ObjectMapper json;

    public IngestTriggers(
            FlowCatalog catalog,
            Enrollments enrollments,
            EnrollmentSignals signals,
            WakeUpWorkers workers,
            ObjectMapper json) {
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.signals = signals;
        this.workers = workers;
        this.json = json;
    }

    void onCustomerCreated(@Observes AudienceEvents.CustomerCreated created) {
        for (Flow flow : catalog.activeWith(Trigger.CustomerCreated.class)) {
            enrollments.enter(flow.id(), created.customerId(), TriggerContext.now(), "customer_created");
        }
        workers.nudge();
    }

    void onOrderPlaced(@Observes AudienceEvents.OrderPlaced order) {
        // Goals first, so the order does not also count as a goal of an enrollment it starts itself.
        signals.toRunningEnrollmentsOf(
                order.customerId(), new FlowEvent.Ordered(order.orderId(), order.total(), order.couponCode()));
        Map<String, String> variables = orderVariables(order);
        ZoneId zone = customerZone(order.customerId());
        for (Flow flow : catalog.activeWith(Trigger.OrderPlaced.class)) {
            Trigger.OrderPlaced trigger = (Trigger.OrderPlaced) flow.trigger();
            Instant startAt =
                    trigger.delay().map(d -> d.addTo(order.placedAt(), zone)).orElse(null);
            enrollments.enter(
                    flow.id(), order.customerId(), new TriggerContext(variables, startAt), "order " + order.orderId());
        }
        workers.nudge();
    }

    void onEngagement(@Observes AudienceEvents.EngagementRecorded event) {
        // Only events flows can react to (goals, branch conditions) wake enrollments up; goals first, so the
        // event does not also count as a goal of an enrollment it starts itself.
        boolean signalled = false;
        java.util.Optional<FlowEvent> known = flowEvent(event);
        if (known.isPresent()) {
            signals.toRunningEnrollmentsOf(event.customerId(), known.get());
            signalled = true;
        }
        Map<String, String> properties = properties(event.properties());
        if (isAGoal(event.type())) {
            signals.toRunningEnrollmentsOf(event.customerId(), new FlowEvent.Custom(event.type(), properties));
            signalled = true;
        }
        List<Flow> started = catalog.activeWith(Trigger.EventTrigger.class).stream()
                .filter(f -> ((Trigger.EventTrigger) f.trigger()).eventType().equals(event.type()))
                .toList();
        if (!started.isEmpty()) {
            Map<String, String> variables = new HashMap<>();
            properties.forEach((name, value) -> variables.put(Variables.EVENT_PREFIX + name, value));
            variables.put(Variables.EVENT_PREFIX + "type", event.type());
            for (Flow flow : started) {
                enrollments.enter(flow.id(), event.customerId(), TriggerContext.of(variables), "event " + event.type());
            }
        }
        if (signalled || !started.isEmpty()) {
            workers.nudge();
        }
    }

    /** Whether an active flow's goal is this recorded event type ({@code goal: {event: …}}). */
    private boolean isAGoal(String type) {
        return catalog.all().stream()
                .anyMatch(e -> e.status() == FlowCatalog.Status.ACTIVE
                        && e.flow()
                                .entry()
                                .goal()
                                .map(g -> type.equals(g.customEvent()))
                                .orElse(false));
    }

    /** An event's properties as flow variables: text as it is, numbers and true/false as written, lists and objects as JSON. */
    private Map<String, String> properties(Map<String, Object> properties) {
        Map<String, String> out = new HashMap<>();
        if (properties == null) {
            return out;
        }
        properties.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (value instanceof Map<?, ?> || value instanceof java.util.Collection<?>) {
                try {
                    out.put(name, json.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    out.put(name, String.valueOf(value));
                }
            } else {
                out.put(name, String.valueOf(value));
            }
        });
        return out;
    }

    static java.util.Optional<FlowEvent> flowEvent(AudienceEvents.EngagementRecorded event) {
        switch (event.type()) {
            case "site_visit":
                return java.util.Optional.of(new FlowEvent.SiteVisit());
            case "link_click":
            case "click":
                Object link =
                        event.properties() == null ? null : event.properties().get("link");
                return java.util.Optional.of(new FlowEvent.Clicked(link == null ? null : link.toString()));
            default:
                return java.util.Optional.empty();
        }
    }

    /** What an {@code order_placed} flow knows of its order (also for imported orders, {@link ImportTriggers}). */
    static Map<String, String> orderVariables(AudienceEvents.OrderPlaced order) {
        Map<String, String> variables = new HashMap<>();
        variables.put("order.id", order.orderId());
        if (order.total() != null) {
            variables.put("order.total", order.total().toPlainString());
        }
        if (order.couponCode() != null) {
            variables.put("order.couponCode", order.couponCode());
        }
        return variables;
    }

    private static ZoneId customerZone(long customerId) {
        Customer customer = Customer.findById(customerId);
        try {
            return ZoneId.of(customer.timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
