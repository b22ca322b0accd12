package io.comeback.engine.validate;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.Problem;
import java.util.List;

/** Variables named in conditions must exist and have a value where the condition is tested. */
final class ConditionChecks {

    private final VariableScope scope;
    private final List<Problem> out;

    ConditionChecks(VariableScope scope, List<Problem> out) {
        this.scope = scope;
        this.out = out;
    }

    /** @param stepIndex the step testing the conditions; -1 for entry and trigger conditions (before any step) */
    void check(List<Condition> conditions, String path, int stepIndex) {
        for (int i = 0; i < conditions.size(); i++) {
            check(conditions.get(i), path + "[" + i + "]", stepIndex);
        }
    }

    private void check(Condition condition, String path, int stepIndex) {
        if (condition instanceof Condition.Compare c) {
            scope.check(c.variable(), stepIndex)
                    .ifPresent(f -> out.add(new Problem(
                            f.severity(), c.location().line(), c.location().column(), path, f.message())));
        } else if (condition instanceof Condition.Not n) {
            check(n.condition(), path + ".not", stepIndex);
        } else if (condition instanceof Condition.AnyOf a) {
            check(a.conditions(), path + ".any", stepIndex);
        } else if (condition instanceof Condition.AllOf a) {
            check(a.conditions(), path + ".all", stepIndex);
        } else if (condition instanceof Condition.EventHappened e && stepIndex < 0) {
            out.add(
                    Problem.warning(
                            e.location(),
                            path,
                            "`event: " + e.event().yamlName() + "` means \"since entering "
                                    + "this flow\", which is never true before the customer enters. Use it in a `branch` step."));
        }
    }
}
