package io.comeback.web;

import io.comeback.audience.ShopNameConfig;
import io.comeback.audience.inactivity.InactivityConfig;
import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.run.FlowSimulator;
import io.comeback.engine.run.InvalidSimulationException;
import io.comeback.engine.run.SimulationRequest;
import io.comeback.engine.run.SimulationResponse;
import io.comeback.engine.text.SmsSegments;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Simulates a flow text that is not published (the editor's draft) for a test customer: the text is checked first,
 * and every text of the timeline comes with the segments it is billed as, links counted at their sent length.
 */
@ApplicationScoped
public class DraftSimulation {

    /** A simulation body: the simulate request's fields plus, optionally, the flow text to simulate instead of the file. */
    public record TextSimulation(
            String source,
            SimulationRequest.Customer customer,
            List<SimulationRequest.Order> orders,
            Instant start,
            List<SimulationRequest.Event> events,
            Instant until) {
        SimulationRequest request() {
            return new SimulationRequest(customer, orders, start, events, until);
        }
    }

    /** A timeline entry with its text's segment count (how many SMS it is billed as), null for one without text. */
    public record SimulatedEntry(
            Instant at,
            String kind,
            String step,
            String text,
            String attribute,
            String value,
            String reason,
            Integer segments,
            String encoding) {}

    public record SimulationView(List<SimulatedEntry> timeline, java.util.Map<String, String> facts) {}

    private final FlowValidator validator;
    private final FlowSimulator simulator;

    public DraftSimulation(ShopNameConfig shopName, InactivityConfig inactivity, ShortLinkForm links) {
        this.validator = new FlowValidator(links.shape());
        this.simulator = FlowSimulator.withDefaults(shopName.name(), inactivity.rhythmFloor(), links.shape());
    }

    /** Simulates the given text (checked first), without publishing it. */
    public SimulationView simulate(TextSimulation body) {
        Violations.requireBody(body);
        ValidationResult result = validator.validate(FlowEditing.requireSource(body.source()));
        if (result.flow().isEmpty()) {
            throw new ProblemException(
                    422,
                    "Flow has errors",
                    "the flow text has errors and cannot be simulated; fix them first",
                    FlowEditing.violations(result.problems()));
        }
        SimulationResponse response;
        try {
            response = simulator.simulate(result.flow().get(), body.request());
        } catch (InvalidSimulationException e) {
            throw ProblemException.invalid(List.of(ProblemDetails.Violation.ofField("body", e.getMessage())));
        }
        return new SimulationView(
                response.timeline().stream()
                        .map(t -> {
                            SmsSegments.SegmentCount count = t.text() == null ? null : SmsSegments.count(t.text());
                            return new SimulatedEntry(
                                    t.at(),
                                    t.kind(),
                                    t.step(),
                                    t.text(),
                                    t.attribute(),
                                    t.value(),
                                    t.reason(),
                                    count == null ? null : count.segments(),
                                    count == null ? null : count.encoding().name());
                        })
                        .toList(),
                response.facts());
    }
}
