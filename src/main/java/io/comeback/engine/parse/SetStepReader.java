package io.comeback.engine.parse;

import io.comeback.engine.model.SetStep;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a {@code set} step: {@code attribute} with {@code value} or {@code from}, or
 * {@code tag}, or {@code remove_tag} — exactly one of them.
 */
final class SetStepReader {

    private static final List<String> TARGETS = List.of("attribute", "tag", "remove_tag");

    private final Problems problems;

    SetStepReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Step> read(
            String id, Optional<Target> next, Node body, String path, SourceLocation kindAt, SourceLocation at) {
        return YamlMap.of(body, path, problems, kindAt, Vocabulary.SET, "a set step")
                .flatMap(set -> assignment(set, kindAt))
                .map(a -> new SetStep(id, next, a, at));
    }

    private Optional<SetStep.Assignment> assignment(YamlMap set, SourceLocation kindAt) {
        List<String> targets = set.presentKeys(TARGETS);
        if (targets.isEmpty()) {
            problems.error(
                    kindAt,
                    set.path(),
                    "Say what to set: `attribute: nps` with `from: reply.score` or "
                            + "`value: ...`, or `tag: vip`, or `remove_tag: vip`.");
            return Optional.empty();
        }
        if (targets.size() > 1) {
            problems.error(
                    set.keyLocation(targets.get(1)),
                    set.childPath(targets.get(1)),
                    "A set step writes one thing, " + "found " + String.join(" and ", targets)
                            + ": use one step for each.");
            return Optional.empty();
        }
        String target = targets.get(0);
        Optional<String> name = set.text(target).map(String::trim);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (!target.equals("attribute")) {
            for (String stray : set.presentKeys(List.of("value", "from"))) {
                problems.error(
                        set.keyLocation(stray),
                        set.childPath(stray),
                        "`" + stray + "` goes with `attribute`, " + "not with `" + target
                                + "`: a tag is either there or not. Remove `" + stray + "`.");
            }
            return Optional.of(
                    target.equals("tag") ? new SetStep.AddTag(name.get()) : new SetStep.RemoveTag(name.get()));
        }
        boolean hasValue = set.has("value");
        boolean hasFrom = set.has("from");
        if (hasValue == hasFrom) {
            problems.error(
                    set.keyLocation("attribute"),
                    set.path(),
                    hasValue
                            ? "Give either `value` (a fixed value) or `from` (a variable such as reply.score), not both."
                            : "Say what to store in `" + name.get() + "`: `value: gold` for a fixed value, or "
                                    + "`from: reply.score` to copy a variable.");
            return Optional.empty();
        }
        if (hasValue) {
            return set.text("value").map(v -> new SetStep.AttributeValue(name.get(), v));
        }
        return set.text("from").map(v -> new SetStep.AttributeFromVariable(name.get(), stripBraces(v.trim())));
    }

    /** {@code from: "{{ reply.score }}"} is a natural slip; it means the same as {@code from: reply.score}. */
    private static String stripBraces(String v) {
        return v.startsWith("{{") && v.endsWith("}}")
                ? v.substring(2, v.length() - 2).trim()
                : v;
    }
}
