package io.comeback.engine.run;

import io.comeback.engine.model.Condition;
import java.util.List;

/** Decides {@link Condition}s against a {@link Run}: the customer now, and what happened since entry. */
final class ConditionEvaluator {

    private ConditionEvaluator() {}

    static boolean all(List<Condition> conditions, Run run, VariableLookup variables) {
        for (Condition condition : conditions) {
            if (!test(condition, run, variables)) {
                return false;
            }
        }
        return true;
    }

    static boolean test(Condition condition, Run run, VariableLookup variables) {
        if (condition instanceof Condition.Compare compare) {
            return compare.test(variables.value(compare.variable()));
        }
        if (condition instanceof Condition.HasTag hasTag) {
            return run.hasTag(hasTag.tag());
        }
        if (condition instanceof Condition.ConsentIs consent) {
            return run.customer.consent() == consent.status();
        }
        if (condition instanceof Condition.EventHappened event) {
            return run.eventsSeen.contains(event.event());
        }
        if (condition instanceof Condition.Not not) {
            return !test(not.condition(), run, variables);
        }
        if (condition instanceof Condition.AnyOf any) {
            return any.conditions().stream().anyMatch(c -> test(c, run, variables));
        }
        if (condition instanceof Condition.AllOf allOf) {
            return all(allOf.conditions(), run, variables);
        }
        throw new IllegalArgumentException("Unknown condition " + condition);
    }
}
