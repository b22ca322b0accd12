package io.comeback.engine.parse;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.EntryRules;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Goal;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.SourceLocation;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads {@code entry:} — audience, re-entry, holdout and goal; all optional. */
final class EntryReader {

    static final List<String> KEYS = Vocabulary.ENTRY;

    private final Problems problems;

    EntryReader(Problems problems) {
        this.problems = problems;
    }

    EntryRules read(Optional<YamlMap> maybe) {
        if (maybe.isEmpty()) {
            return EntryRules.defaults();
        }
        YamlMap e = maybe.get();
        List<Condition> audience = e.value("audience")
                .map(n -> new ConditionReader(problems).readList(n, e.childPath("audience")))
                .orElse(List.of());
        ReEntry reEntry = e.value("re_entry").flatMap(n -> reEntry(n, e)).orElse(new ReEntry.Never(e.location()));
        int holdout = e.integer("holdout_percent", 0, 100).orElse(0);
        Optional<Goal> goal = e.value("goal").flatMap(n -> goal(n, e.childPath("goal")));
        return new EntryRules(audience, reEntry, holdout, goal, e.location());
    }

    private Optional<ReEntry> reEntry(Node node, YamlMap e) {
        String path = e.childPath("re_entry");
        SourceLocation at = Problems.at(node);
        if (node instanceof ScalarNode scalar) {
            String v = scalar.getValue().trim();
            if (v.equals("never")) {
                return Optional.of(new ReEntry.Never(at));
            }
            if (v.equals("always")) {
                return Optional.of(new ReEntry.Always(at));
            }
            String hint = v.startsWith("P") || v.startsWith("p")
                    ? " For a cool-down write `re_entry: {cooldown: " + v + "}`."
                    : "";
            problems.error(
                    node,
                    path,
                    "Unknown re_entry `" + v + "`." + hint + " Write never, always, or "
                            + "`{cooldown: P90D}` (again once 90 days have passed since they last entered).");
            return Optional.empty();
        }
        return YamlMap.of(node, path, problems, e.keyLocation("re_entry"), Vocabulary.RE_ENTRY, "`re_entry`")
                .flatMap(m -> m.required(
                                "cooldown",
                                "write how long before the customer may enter again, e.g. " + "`cooldown: P90D`.")
                        .flatMap(n -> Durations.read(n, m.childPath("cooldown"), problems, false)))
                .map(d -> new ReEntry.Cooldown(d, at));
    }

    private Optional<Goal> goal(Node node, String path) {
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
            return recordedGoal(node, path);
        }
        return Scalars.text(node, path, problems, "an event name such as ordered")
                .map(String::trim)
                .flatMap(v -> {
                    Optional<EventType> type = EventType.fromYaml(v);
                    if (type.isEmpty()) {
                        problems.error(
                                node,
                                path,
                                "Unknown goal `" + v + "`." + Suggestions.didYouMean(v, EventType.allSpellings())
                                        + " Write one of " + String.join(", ", ConditionReader.canonicalEvents())
                                        + ", or `{event: " + v + "}` for an event type the events API records.");
                    }
                    return type.map(t -> new Goal(t, Problems.at(node)));
                });
    }

    /** {@code goal: {event: wishlist_added}}: an event type the events API records; a known name stays the known event. */
    private Optional<Goal> recordedGoal(Node node, String path) {
        return YamlMap.of(node, path, problems, Problems.at(node), Vocabulary.GOAL, "`goal`")
                .flatMap(m -> m.requiredText("event", "name the event type, e.g. `event: wishlist_added`.")
                        .map(String::trim)
                        .flatMap(v -> {
                            Optional<EventType> known = EventType.fromYaml(v);
                            if (known.isPresent()) {
                                return Optional.of(new Goal(known.get(), Problems.at(node)));
                            }
                            if (!TriggerReader.EVENT_TYPE.matcher(v).matches()) {
                                problems.error(
                                        m.value("event").orElseThrow(),
                                        m.childPath("event"),
                                        "`" + v
                                                + "` is not an event type: event types are snake_case (lower-case letters, "
                                                + "digits and _, starting with a letter), e.g. `wishlist_added`.");
                                return Optional.empty();
                            }
                            return Optional.of(Goal.recorded(v, Problems.at(node)));
                        }));
    }
}
