package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating one flow file. {@code flow} is present only when there is no ERROR,
 * so nothing can run a flow that was refused; warnings and infos travel alongside it.
 */
public record ValidationResult(Optional<Flow> flow, List<Problem> problems) {

    public ValidationResult {
        problems = problems.stream().sorted(Problem.IN_FILE_ORDER).toList();
        if (flow.isPresent() && problems.stream().anyMatch(Problem::isError)) {
            throw new IllegalArgumentException("a flow with errors must not be handed out");
        }
    }

    public boolean isValid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return only(Severity.ERROR);
    }

    public List<Problem> warnings() {
        return only(Severity.WARNING);
    }

    public List<Problem> infos() {
        return only(Severity.INFO);
    }

    private List<Problem> only(Severity severity) {
        return problems.stream().filter(p -> p.severity() == severity).toList();
    }
}
