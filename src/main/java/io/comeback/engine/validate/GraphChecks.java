package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.parse.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Step ids, jumps, unreachable steps and loops that never pause. */
final class GraphChecks {

    private GraphChecks() {}

    static void check(Flow flow, StepGraph graph, List<Problem> out) {
        List<Step> steps = flow.steps();
        Map<String, Integer> firstLine = new HashMap<>();
        List<String> ids = steps.stream()
                .map(Step::id)
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String path = "steps[" + i + "]";
            if (!step.id().isEmpty()) {
                Integer earlier =
                        firstLine.putIfAbsent(step.id(), step.location().line());
                if (earlier != null) {
                    out.add(Problem.error(
                            step.location(),
                            path + ".id",
                            "Step id `" + step.id()
                                    + "` is already used on line " + earlier + ": give each step its own id, e.g. `"
                                    + step.id() + "_2`."));
                }
            }
            for (StepGraph.Jump jump : StepGraph.jumps(step, path)) {
                String to = jump.target().stepId();
                if (graph.indexOf(to).isEmpty()) {
                    out.add(Problem.error(
                            jump.target().location(),
                            jump.path(),
                            "There is no step `" + to + "`." + Suggestions.didYouMean(to, ids) + " Steps in this flow: "
                                    + String.join(", ", ids) + "."));
                }
            }
        }
        unreachable(flow, graph, out);
        loopsWithoutPause(flow, graph, out);
    }

    private static void unreachable(Flow flow, StepGraph graph, List<Problem> out) {
        if (flow.steps().isEmpty()) {
            return;
        }
        Set<Integer> reachable = graph.reachableFrom(List.of(0));
        for (int i = 0; i < flow.steps().size(); i++) {
            Step step = flow.steps().get(i);
            if (!reachable.contains(i)) {
                out.add(Problem.warning(
                        step.location(),
                        "steps[" + i + "]",
                        "Step `" + step.id()
                                + "` can never be reached: no step jumps to it and the step above never continues to it. "
                                + "Point a `next` or `goto` at it, or remove it."));
            }
        }
    }

    /**
     * A loop made only of sends, branches and sets would run forever in one instant (and text the
     * customer without end); every loop must pass a wait or a wait_for_reply.
     */
    private static void loopsWithoutPause(Flow flow, StepGraph graph, List<Problem> out) {
        int n = flow.steps().size();
        int[] state = new int[n]; // 0 unseen, 1 on the current path, 2 done
        for (int i = 0; i < n; i++) {
            if (state[i] == 0 && !StepGraph.pauses(flow.steps().get(i))) {
                findLoop(flow, graph, i, state, new ArrayList<>(), out);
            }
        }
    }

    private static void findLoop(
            Flow flow, StepGraph graph, int i, int[] state, List<Integer> path, List<Problem> out) {
        state[i] = 1;
        path.add(i);
        for (int next : graph.successors(i)) {
            if (StepGraph.pauses(flow.steps().get(next))) {
                continue;
            }
            if (state[next] == 1) {
                List<Integer> loop = path.subList(path.indexOf(next), path.size());
                List<String> names =
                        loop.stream().map(k -> flow.steps().get(k).id()).toList();
                SourceLocation at = flow.steps().get(i).location();
                out.add(Problem.error(
                        at,
                        "steps[" + i + "]",
                        "These steps loop without ever waiting: "
                                + String.join(" → ", names) + " → "
                                + flow.steps().get(next).id()
                                + ". Put a `wait` or `wait_for_reply` in the loop, or end it with an `exit`."));
            } else if (state[next] == 0) {
                findLoop(flow, graph, next, state, path, out);
            }
        }
        path.remove(path.size() - 1);
        state[i] = 2;
    }
}
