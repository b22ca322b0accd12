package io.comeback.engine.parse;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.Wait;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads a {@code wait} step: a duration alone, or {@code for} / {@code until} / {@code until_date}. */
final class WaitStepReader {

    private final Problems problems;

    WaitStepReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Step> read(
            String id, Optional<Target> next, Node body, String path, SourceLocation kindAt, SourceLocation at) {
        if (body instanceof ScalarNode) {
            return Durations.read(body, path, problems, false)
                    .map(d -> new Wait(id, next, Optional.of(d), Optional.empty(), Optional.empty(), at));
        }
        return YamlMap.of(body, path, problems, kindAt, Vocabulary.WAIT, "a wait step")
                .map(wait -> {
                    Optional<FlowDuration> duration =
                            wait.parsed("for", n -> Durations.read(n, wait.childPath("for"), problems, false));
                    Optional<java.time.LocalTime> until =
                            wait.parsed("until", n -> Times.read(n, wait.childPath("until"), problems));
                    Optional<Wait.UntilDate> untilDate = wait.map("until_date", Vocabulary.UNTIL_DATE, "`until_date`")
                            .flatMap(this::untilDate);
                    if (!wait.has("for") && !wait.has("until") && !wait.has("until_date")) {
                        problems.error(
                                kindAt,
                                path,
                                "Say how long to wait: `wait: P2D`, `wait: {until: \"10:00\"}`, "
                                        + "`wait: {for: P1D, until: \"10:00\"}` or `wait: {until_date: {attribute: birthday}}`.");
                    }
                    if (wait.has("until_date") && (wait.has("for") || wait.has("until"))) {
                        problems.error(
                                wait.keyLocation("until_date"),
                                wait.childPath("until_date"),
                                "`until_date` waits for a "
                                        + "date on the customer and cannot be combined with `for` or `until`: use `at` inside it for the time.");
                    }
                    return new Wait(id, next, duration, until, untilDate, at);
                });
    }

    private Optional<Wait.UntilDate> untilDate(YamlMap map) {
        Optional<String> attribute = map.requiredText(
                "attribute", "name the customer attribute holding the date, " + "e.g. `attribute: birthday`.");
        java.time.LocalTime time = map.parsed("at", n -> Times.read(n, map.childPath("at"), problems))
                .orElse(java.time.LocalTime.of(10, 0));
        int offset = map.integer("offset_days", -366, 366).orElse(0);
        return attribute.map(a -> new Wait.UntilDate(a.trim(), time, offset, map.location()));
    }
}
