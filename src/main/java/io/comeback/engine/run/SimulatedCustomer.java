package io.comeback.engine.run;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns the simulation request's plain values into interpreter inputs, refusing what makes no sense. */
final class SimulatedCustomer {

    static final Set<String> EVENT_TYPES = Set.of("reply", "order", "click", "site_visit", "opt_out");

    private SimulatedCustomer() {}

    static void check(SimulationRequest request) {
        if (request.customer() == null) {
            throw new InvalidSimulationException("customer is required");
        }
        if (request.start() == null || request.until() == null) {
            throw new InvalidSimulationException("start and until are required (ISO-8601 instants, e.g. 2026-06-15T21:30:00Z)");
        }
        if (!request.until().isAfter(request.start())) {
            throw new InvalidSimulationException("until (" + request.until() + ") must be after start (" + request.start() + ")");
        }
        for (SimulationRequest.Event event : request.events()) {
            if (event.at() == null) {
                throw new InvalidSimulationException("every event needs 'at'");
            }
            if (!EVENT_TYPES.contains(event.type())) {
                throw new InvalidSimulationException("event type '" + event.type() + "' is unknown: use one of "
                        + String.join(", ", EVENT_TYPES.stream().sorted().toList()));
            }
        }
    }

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
                : ConsentStatus.fromYaml(customer.consent().status()).orElseThrow(() -> new InvalidSimulationException(
                        "consent.status '" + customer.consent().status() + "' is unknown: use opted_in, opted_out or unknown"));
        return new CustomerView("simulated-customer", customer.firstName(), null, null, customer.phone(),
                customer.locale(), zone, customer.attributes(), Set.of(), consent, rfm(customer.rfm()));
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
            default -> new FlowEvent.OptedOut();
        };
    }

    /** Audience conditions and order filters, evaluated at entry with the triggering order's values. */
    static boolean admitted(Flow flow, CustomerView customer, EntryPlanner.Entry entry, FlowInterpreter interpreter) {
        return interpreter.admits(flow, customer, entry.started().context(), entry.at());
    }
}
