package io.comeback.engine.run;

import io.comeback.engine.model.Target;
import io.comeback.engine.model.WaitForReply;
import io.comeback.engine.model.WaitForReply.KeywordRoute;
import io.comeback.engine.model.WaitForReply.ScoreRoute;
import io.comeback.engine.text.KeywordMatcher;
import io.comeback.engine.text.NpsScoreParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides where a reply to a {@code wait_for_reply} step goes: score routes first (via
 * {@link NpsScoreParser}), then keyword routes (via {@link KeywordMatcher}). A score that was
 * understood but that no route covers goes to {@code otherwise} rather than being re-asked: the
 * customer did answer. With neither scores nor keywords every reply goes to {@code otherwise}.
 */
final class ReplyRouter {

    /** Where to go; {@code target} empty means the step's successor. */
    record Route(Optional<Target> target) {}

    private ReplyRouter() {}

    /**
     * Also stores {@code reply.score} on the run and, when the step asks for a score, emits
     * {@link Decision.RecordScore}; empty when the reply was not understood.
     */
    static Optional<Route> route(WaitForReply step, String body, Run run) {
        OptionalInt score = NpsScoreParser.parse(body);
        if (score.isPresent()) {
            run.variables.put("reply.score", Integer.toString(score.getAsInt()));
        } else {
            run.variables.remove("reply.score");
        }
        if (!step.scores().isEmpty() && score.isPresent()) {
            run.emit(new Decision.RecordScore(step.id(), score.getAsInt()));
            for (ScoreRoute route : step.scores()) {
                if (route.matches(score.getAsInt())) {
                    return Optional.of(new Route(Optional.of(route.target())));
                }
            }
            return Optional.of(new Route(step.otherwise()));
        }
        if (!step.keywords().isEmpty()) {
            Optional<String> matched = matcher(step.keywords()).matchSet(body);
            if (matched.isPresent()) {
                return Optional.of(new Route(Optional.of(
                        step.keywords().get(Integer.parseInt(matched.get())).target())));
            }
        }
        if (step.scores().isEmpty() && step.keywords().isEmpty()) {
            return Optional.of(new Route(step.otherwise()));
        }
        return Optional.empty();
    }

    private static KeywordMatcher matcher(List<KeywordRoute> routes) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            sets.put(Integer.toString(i), routes.get(i).words());
        }
        return KeywordMatcher.of(sets);
    }
}
