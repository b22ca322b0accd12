package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.Severity;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Variables;
import io.comeback.engine.model.WaitForReply;
import io.comeback.engine.parse.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Says whether a variable can be used at a given step: it must exist, and its value must be able
 * to exist there — {@code order.*} only in flows started by an order, {@code coupon.*} only at or
 * after a send that issues a coupon, {@code reply.*} only after a {@code wait_for_reply}.
 */
final class VariableScope {

    record Finding(Severity severity, String message) {}

    private final Flow flow;
    private final boolean orderFlow;
    private final boolean eventFlow;
    private final boolean anyCoupon;
    private final boolean anyReply;
    private final Set<Integer> afterCoupon;
    private final Set<Integer> afterReply;

    VariableScope(Flow flow, StepGraph graph) {
        this.flow = flow;
        this.orderFlow = flow.trigger() instanceof Trigger.OrderPlaced;
        this.eventFlow = flow.trigger() instanceof Trigger.EventTrigger;
        List<Integer> couponSteps =
                indexes(i -> flow.steps().get(i) instanceof Send s && s.coupon().isPresent());
        List<Integer> replySteps = indexes(i -> flow.steps().get(i) instanceof WaitForReply);
        this.anyCoupon = !couponSteps.isEmpty();
        this.anyReply = !replySteps.isEmpty();
        this.afterCoupon = graph.reachableFrom(couponSteps);
        List<Integer> afterReplyStarts = new ArrayList<>();
        replySteps.forEach(i -> afterReplyStarts.addAll(graph.successors(i)));
        this.afterReply = graph.reachableFrom(afterReplyStarts);
    }

    private List<Integer> indexes(java.util.function.IntPredicate p) {
        return IntStream.range(0, flow.steps().size()).filter(p).boxed().toList();
    }

    /** Empty when the variable is fine at step {@code stepIndex}; -1 means at entry, before any step. */
    Optional<Finding> check(String variable, int stepIndex) {
        Optional<String> link = Variables.linkName(variable);
        if (link.isPresent()) {
            if (flow.links().containsKey(link.get())) {
                return Optional.empty();
            }
            return error("There is no link `" + link.get() + "` under `links:`."
                    + Suggestions.didYouMean(link.get(), flow.links().keySet())
                    + " Declare it, e.g. `links: {" + link.get() + ": https://example.com/...}`.");
        }
        if (Variables.isAttribute(variable) || Variables.factName(variable).isPresent()) {
            return Optional.empty();
        }
        if (Variables.isFactFamily(variable)) {
            String name = variable.substring(Variables.FACT_PREFIX.length());
            return error("Unknown fact `" + variable + "`." + Suggestions.didYouMean(name, Variables.FACTS)
                    + " Facts: " + String.join(", ", Variables.FACTS)
                    + " (customer.facts.<name>); RFM scores are customer.rfm.recency, frequency, monetary, score.");
        }
        if (Variables.isEventProperty(variable)) {
            return eventFlow
                    ? Optional.empty()
                    : error("`" + variable + "` has no value here: only flows with "
                            + "`trigger: event` know an event. Its properties are `event.<name>`.");
        }
        if (!Variables.FIXED.contains(variable)) {
            return error("Unknown variable `" + variable + "`." + Suggestions.didYouMean(variable, known())
                    + " Known: " + String.join(", ", Variables.FIXED)
                    + ", customer.facts.<name>, customer.attributes.<name>, link.<name>"
                    + (eventFlow ? ", event.<name>." : "."));
        }
        String family = Variables.family(variable);
        if (family.equals("order") && !orderFlow) {
            return error(
                    "`" + variable + "` has no value here: only flows with `trigger: order_placed` know an order.");
        }
        if ((family.equals("coupon") || family.equals("reply")) && stepIndex < 0) {
            return error(
                    "`" + variable + "` has no value before the customer enters the flow: test it in a `branch` step.");
        }
        if (family.equals("coupon") && !anyCoupon) {
            return error("`" + variable
                    + "` has no value: no step issues a coupon. Add `coupon: {prefix: ..., valid_for: P14D}`"
                    + " to the send step.");
        }
        if (family.equals("coupon") && !afterCoupon.contains(stepIndex)) {
            return warning(
                    "`" + variable + "` may be empty here: this step can run before any step that issues a coupon.");
        }
        if (family.equals("reply") && !anyReply) {
            return error(
                    "`" + variable + "` has no value: the flow never waits for a reply. Add a `wait_for_reply` step "
                            + "before this one.");
        }
        if (family.equals("reply") && !afterReply.contains(stepIndex)) {
            return warning("`" + variable + "` may be empty here: this step can run before any `wait_for_reply`.");
        }
        return Optional.empty();
    }

    private List<String> known() {
        List<String> all = new ArrayList<>(Variables.FIXED);
        Variables.FACTS.forEach(f -> all.add(Variables.FACT_PREFIX + f));
        flow.links().keySet().forEach(l -> all.add(Variables.LINK_PREFIX + l));
        return all;
    }

    private static Optional<Finding> error(String message) {
        return Optional.of(new Finding(Severity.ERROR, message));
    }

    private static Optional<Finding> warning(String message) {
        return Optional.of(new Finding(Severity.WARNING, message));
    }
}
