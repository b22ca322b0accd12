package io.comeback.engine.run;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.DateField;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Variables;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the simulation request's plain values into interpreter inputs, refusing what makes no sense. */
final class SimulatedCustomer {

    static final Set<String> EVENT_TYPES = Set.of("reply", "order", "click", "site_visit", "opt_out", "event");

    private SimulatedCustomer() {}

    static void check(SimulationRequest request) {
        if (request.customer() == null) {
            throw new InvalidSimulationException("customer is required");
        }
        if (request.start() == null || request.until() == null) {
            throw new InvalidSimulationException(
                    "start and until are required (ISO-8601 instants, e.g. 2026-06-15T21:30:00Z)");
        }
        if (!request.until().isAfter(request.start())) {
            throw new InvalidSimulationException(
                    "until (" + request.until() + ") must be after start (" + request.start() + ")");
        }
        for (SimulationRequest.Event event : request.events()) {
            if (event.at() == null) {
                throw new InvalidSimulationException("every event needs 'at'");
            }
            if (!EVENT_TYPES.contains(event.type())) {
                throw new InvalidSimulationException("event type '" + event.type() + "' is unknown: use one of "
                        + String.join(", ", EVENT_TYPES.stream().sorted().toList()));
            }
            if ("event".equals(event.type())
                    && (event.name() == null
                            || !EVENT_NAME.matcher(event.name()).matches())) {
                throw new InvalidSimulationException(
                        "an event of type 'event' needs 'name': the event type as the events "
                                + "API records it, in snake_case, e.g. wishlist_added"
                                + (event.name() == null ? "" : " ('" + event.name() + "' is not)"));
            }
        }
        for (int i = 0; i < request.orders().size(); i++) {
            checkOrder(request.orders().get(i), "orders[" + i + "]");
        }
        String birthday = request.customer().birthday();
        if (birthday != null
                && !birthday.isBlank()
                && (!birthday.trim().matches("\\d{4}-\\d{2}-\\d{2}")
                        || DateTriggerTimes.parse(birthday).isEmpty())) {
            throw new InvalidSimulationException(
                    "customer.birthday '" + birthday + "' is not a date; write YYYY-MM-DD, e.g. 1990-05-17");
        }
    }

    private static void checkOrder(SimulationRequest.Order order, String path) {
        if (order == null || order.placedAt() == null) {
            throw new InvalidSimulationException(path + " needs 'placedAt' (an ISO-8601 instant)");
        }
        for (int k = 0; k < order.items().size(); k++) {
            SimulationRequest.Item item = order.items().get(k);
            String at = path + ".items[" + k + "]";
            if (item == null || (item.sku() == null && item.name() == null)) {
                throw new InvalidSimulationException(at + " needs a sku or a name, as the order API does");
            }
            if (item.quantity() != null && item.quantity() < 1) {
                throw new InvalidSimulationException(at + ".quantity must be at least 1");
            }
            if (item.price() != null && item.price().signum() < 0) {
                throw new InvalidSimulationException(at + ".price must not be negative");
            }
        }
    }

    /** The request's order history as the customer facts read it, in the order given. */
    static List<FactOrder> factOrders(SimulationRequest request) {
        List<FactOrder> orders = new ArrayList<>();
        for (SimulationRequest.Order order : request.orders()) {
            orders.add(new FactOrder(
                    order.placedAt(),
                    order.total(),
                    order.items().stream()
                            .map(i -> new FactOrder.Item(
                                    i.sku(),
                                    i.name(),
                                    i.category(),
                                    i.quantity() == null ? 1 : i.quantity(),
                                    i.price()))
                            .toList()));
        }
        return orders;
    }

    private static final java.util.regex.Pattern EVENT_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");

    static CustomerView view(SimulationRequest.Customer customer) {
        ZoneId zone;
        try {
            zone = ZoneId.of(customer.timeZone() == null ? "" : customer.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidSimulationException("customer.timeZone '" + customer.timeZone()
                    + "' is not a time zone: use an IANA name such as Europe/Oslo");
        }
        ConsentStatus consent = customer.consent() == null || customer.consent().status() == null
                ? ConsentStatus.UNKNOWN
                : ConsentStatus.fromYaml(customer.consent().status())
                        .orElseThrow(() -> new InvalidSimulationException("consent.status '"
                                + customer.consent().status() + "' is unknown: use opted_in, opted_out or unknown"));
        return new CustomerView(
                "simulated-customer",
                customer.firstName(),
                customer.lastName(),
                customer.email(),
                customer.phone(),
                customer.locale(),
                zone,
                attributes(customer),
                Set.of(),
                consent,
                rfm(customer.rfm()));
    }

    /** As the runtime shows a customer: the {@code birthday} field is the attribute {@code birthday}. */
    private static Map<String, String> attributes(SimulationRequest.Customer customer) {
        if (customer.birthday() == null || customer.birthday().isBlank()) {
            return customer.attributes();
        }
        Map<String, String> attributes = new HashMap<>(customer.attributes());
        attributes.put(DateField.BIRTHDAY, customer.birthday().trim());
        return attributes;
    }

    /** The variables an event gives the flow it starts: {@code event.type} and {@code event.<property>}. */
    static Map<String, String> eventVariables(SimulationRequest.Event event) {
        Map<String, String> variables = new HashMap<>();
        event.properties().forEach((name, value) -> {
            if (value != null) {
                variables.put(Variables.EVENT_PREFIX + name, value);
            }
        });
        variables.put(Variables.EVENT_PREFIX + "type", event.name());
        return variables;
    }

    private static RfmScores rfm(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!code.matches("[1-5]{3}")) {
            throw new InvalidSimulationException("customer.rfm '" + code
                    + "' is not an RFM code: write three scores 1–5 (recency, frequency, monetary), e.g. \"545\"");
        }
        return new RfmScores(code.charAt(0) - '0', code.charAt(1) - '0', code.charAt(2) - '0');
    }

    static FlowEvent event(SimulationRequest.Event event) {
        return switch (event.type()) {
            case "reply" -> new FlowEvent.Replied(event.body());
            case "order" -> new FlowEvent.Ordered("sim-order-" + event.at().getEpochSecond(), event.total(), null);
            case "click" -> new FlowEvent.Clicked(event.body());
            case "site_visit" -> new FlowEvent.SiteVisit();
            case "event" -> new FlowEvent.Custom(event.name(), withoutNulls(event.properties()));
            default -> new FlowEvent.OptedOut();
        };
    }

    private static Map<String, String> withoutNulls(Map<String, String> properties) {
        Map<String, String> copy = new HashMap<>(properties);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    /** Audience conditions and order filters, evaluated at entry with the triggering order's values. */
    static boolean admitted(Flow flow, CustomerView customer, EntryPlanner.Entry entry, FlowInterpreter interpreter) {
        return interpreter.admits(flow, customer, entry.started().context(), entry.at());
    }
}
