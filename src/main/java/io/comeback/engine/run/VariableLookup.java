package io.comeback.engine.run;

import io.comeback.engine.model.Link;
import io.comeback.engine.model.Variables;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the variables of {@link Variables} for one {@link Run}: customer fields, customer
 * attributes (this enrollment's writes first), the enrollment's own variables (order, coupon,
 * reply), the flow's links, and service-wide values such as {@code shop.name}.
 */
final class VariableLookup implements Function<String, Optional<String>> {

    private final Run run;
    private final Map<String, String> globals;

    VariableLookup(Run run, Map<String, String> globals) {
        this.run = run;
        this.globals = globals;
    }

    @Override
    public Optional<String> apply(String variable) {
        return Optional.ofNullable(value(variable));
    }

    String value(String variable) {
        if (Variables.isAttribute(variable)) {
            String name = variable.substring(Variables.ATTRIBUTE_PREFIX.length());
            String written = run.attributes.get(name);
            return written != null ? written : run.customer.attributes().get(name);
        }
        Optional<String> fact = Variables.factName(variable);
        if (fact.isPresent()) {
            return run.customer.facts().value(fact.get(), run.customer.timeZone(), run.now);
        }
        switch (variable) {
            case "customer.firstName":
                return run.customer.firstName();
            case "customer.lastName":
                return run.customer.lastName();
            case "customer.email":
                return run.customer.email();
            case "customer.phone":
                return run.customer.phone();
            case "customer.locale":
                return run.customer.locale();
            case "customer.rfm.recency":
                return rfm(RfmScores::recency);
            case "customer.rfm.frequency":
                return rfm(RfmScores::frequency);
            case "customer.rfm.monetary":
                return rfm(RfmScores::monetary);
            case "customer.rfm.score":
                return run.customer.rfm() == null ? null : run.customer.rfm().code();
            default:
                break;
        }
        Optional<String> link = Variables.linkName(variable);
        if (link.isPresent()) {
            Link declared = run.flow.links().get(link.get());
            return declared == null ? null : declared.url();
        }
        String own = run.variables.get(variable);
        return own != null ? own : globals.get(variable);
    }

    private String rfm(java.util.function.ToIntFunction<RfmScores> score) {
        RfmScores rfm = run.customer.rfm();
        return rfm == null ? null : Integer.toString(score.applyAsInt(rfm));
    }
}
