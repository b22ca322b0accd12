package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.parse.FlowParser;
import io.comeback.engine.parse.ParsedFlow;
import io.comeback.engine.text.LinkShape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Checks a flow beyond its syntax: step ids and jumps, reachability, loops, template variables,
 * SMS length (with links as they are sent) and alphabet, opt-out hints, reply routes. Runs on the parser's best-effort model
 * too, so one pass reports syntax and meaning problems together.
 */
public final class FlowValidator {

    private final FlowParser parser = new FlowParser();
    private final LinkShape links;

    /** Links counted as written ({@link LinkShape#UNTRACKED}). */
    public FlowValidator() {
        this(LinkShape.UNTRACKED);
    }

    /** @param links what links become in sent texts, so segment counts match what is sent */
    public FlowValidator(LinkShape links) {
        this.links = links;
    }

    /** Parses and checks a flow file's text; the entry point for the API and the command line. */
    public ValidationResult validate(String source) {
        ParsedFlow parsed = parser.parse(source);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        parsed.flow().ifPresent(flow -> problems.addAll(check(flow)));
        List<Problem> unique = List.copyOf(new LinkedHashSet<>(problems));
        boolean valid = unique.stream().noneMatch(Problem::isError);
        return new ValidationResult(valid ? parsed.flow() : Optional.empty(), unique);
    }

    /** The meaning checks alone, for a flow already parsed. */
    public List<Problem> check(Flow flow) {
        List<Problem> out = new ArrayList<>();
        StepGraph graph = new StepGraph(flow);
        VariableScope scope = new VariableScope(flow, graph);
        GraphChecks.check(flow, graph, out);
        new StepChecks(flow, scope, links, out).check();
        FlowChecks.check(flow, new ConditionChecks(scope, out), out);
        out.sort(Problem.IN_FILE_ORDER);
        return out;
    }
}
