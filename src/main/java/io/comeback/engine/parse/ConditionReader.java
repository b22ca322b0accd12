package io.comeback.engine.parse;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Operator;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Variables;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads conditions. Each list item is a mapping with one subject ({@code attribute}, {@code field},
 * {@code tag}, {@code consent}, {@code event}, {@code not}, {@code any}, {@code all}); the
 * comparisons take one operator key ({@code equals: NO}, {@code at_least: 9}).
 */
final class ConditionReader {

    static final List<String> SUBJECTS = Vocabulary.CONDITION_SUBJECTS;
    static final List<String> OPERATORS = Vocabulary.CONDITION_OPERATORS;
    static final List<String> KEYS = Vocabulary.concat(SUBJECTS, OPERATORS);
    static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

    private final Problems problems;

    ConditionReader(Problems problems) {
        this.problems = problems;
    }

    /** A list of conditions (all must hold). A single mapping is reported: write it as a list item. */
    List<Condition> readList(Node node, String path) {
        if (!(node instanceof SequenceNode seq)) {
            problems.error(
                    node,
                    path,
                    "Expected a list of conditions (each line starting with -), found " + Scalars.describe(node)
                            + ". Write e.g. `- attribute: country` / `  equals: NO`.");
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            read(seq.getValue().get(i), path + "[" + i + "]").ifPresent(conditions::add);
        }
        return conditions;
    }

    Optional<Condition> read(Node node, String path) {
        Optional<YamlMap> maybe = YamlMap.of(node, path, problems, Problems.at(node), KEYS, "a condition");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = maybe.get();
        List<String> subjects = map.presentKeys(SUBJECTS);
        if (subjects.isEmpty()) {
            problems.error(
                    map.location(),
                    path,
                    "A condition needs one of " + String.join(", ", SUBJECTS)
                            + ", e.g. `attribute: country` with `equals: NO`, or `tag: vip`.");
            return Optional.empty();
        }
        if (subjects.size() > 1) {
            problems.error(
                    map.keyLocation(subjects.get(1)),
                    path,
                    "A condition tests one thing, found " + String.join(" and ", subjects)
                            + ". Write each as its own list item (all items must hold).");
            return Optional.empty();
        }
        String subject = subjects.get(0);
        SourceLocation at = map.location();
        if (!subject.equals("attribute") && !subject.equals("field")) {
            List<String> strayOperators = map.presentKeys(OPERATORS);
            if (!strayOperators.isEmpty()) {
                problems.error(
                        map.keyLocation(strayOperators.get(0)),
                        map.childPath(strayOperators.get(0)),
                        "`" + strayOperators.get(0) + "` compares an `attribute` or `field`; it does not go with `"
                                + subject + "`.");
            }
        }
        return switch (subject) {
            case "attribute", "field" -> compare(map, subject);
            case "tag" -> map.text("tag").map(tag -> new Condition.HasTag(tag.trim(), at));
            case "consent" -> consent(map, at);
            case "event" -> event(map, at);
            case "not" ->
                map.value("not").flatMap(n -> read(n, map.childPath("not"))).map(c -> new Condition.Not(c, at));
            case "any" -> map.value("any").map(n -> new Condition.AnyOf(readList(n, map.childPath("any")), at));
            default -> map.value("all").map(n -> new Condition.AllOf(readList(n, map.childPath("all")), at));
        };
    }

    private Optional<Condition> compare(YamlMap map, String subject) {
        Optional<String> name = map.text(subject).map(String::trim);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String variable = subject.equals("attribute") ? Variables.ATTRIBUTE_PREFIX + name.get() : name.get();
        List<String> ops = map.presentKeys(OPERATORS);
        if (ops.isEmpty()) {
            problems.error(
                    map.keyLocation(subject),
                    map.path(),
                    "Say how to compare `" + name.get() + "`: add one of " + String.join(", ", OPERATORS)
                            + " (e.g. `equals: NO`, `at_least: 9`, `exists: true`).");
            return Optional.empty();
        }
        if (ops.size() > 1) {
            problems.error(
                    map.keyLocation(ops.get(1)),
                    map.childPath(ops.get(1)),
                    "One comparison per condition, found " + String.join(" and ", ops)
                            + ". Write two list items to require both.");
            return Optional.empty();
        }
        String op = ops.get(0);
        Node valueNode = map.value(op).orElseThrow();
        String opPath = map.childPath(op);
        SourceLocation at = map.location();
        if (op.equals("exists")) {
            return Scalars.bool(valueNode, opPath, problems)
                    .map(b -> new Condition.Compare(variable, b ? Operator.EXISTS : Operator.MISSING, List.of(), at));
        }
        if (op.equals("in") || op.equals("not_in")) {
            List<String> values = listOfText(valueNode, opPath);
            Operator operator = op.equals("in") ? Operator.EQUALS : Operator.NOT_EQUALS;
            return values.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Condition.Compare(variable, operator, values, at));
        }
        Operator operator = Operator.fromYaml(op).orElseThrow();
        Optional<String> value = Scalars.text(valueNode, opPath, problems, "one value (use `in: [a, b]` for several)");
        if (value.isPresent() && operator.isOrdering() && !isNumberOrDate(value.get())) {
            problems.error(
                    valueNode,
                    opPath,
                    "`" + op + "` needs a number or a date (2025-12-24), found `" + value.get()
                            + "`. To compare text use `equals`.");
            return Optional.empty();
        }
        Optional<String> badDate = value.filter(ConditionReader::isDateShaped).flatMap(ConditionReader::dateProblem);
        if (badDate.isPresent()) {
            problems.error(valueNode, opPath, badDate.get());
            return Optional.empty();
        }
        return value.map(v -> new Condition.Compare(variable, operator, List.of(v.trim()), at));
    }

    private List<String> listOfText(Node node, String path) {
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.error(node, path, "Expected a list of values, e.g. `in: [NO, SE, DK]`.");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Scalars.text(seq.getValue().get(i), path + "[" + i + "]", problems, "a value")
                    .map(String::trim)
                    .ifPresent(values::add);
        }
        return values;
    }

    private Optional<Condition> consent(YamlMap map, SourceLocation at) {
        return map.text("consent").map(String::trim).flatMap(v -> {
            Optional<ConsentStatus> status = ConsentStatus.fromYaml(v);
            if (status.isEmpty()) {
                List<String> names = Arrays.stream(ConsentStatus.values())
                        .map(ConsentStatus::yamlName)
                        .toList();
                problems.error(
                        map.value("consent").orElseThrow(),
                        map.childPath("consent"),
                        "Unknown consent `" + v + "`." + Suggestions.didYouMean(v, names) + " Write one of "
                                + String.join(", ", names) + ".");
            }
            return status.map(s -> new Condition.ConsentIs(s, at));
        });
    }

    private Optional<Condition> event(YamlMap map, SourceLocation at) {
        return map.text("event").map(String::trim).flatMap(v -> {
            Optional<EventType> type = EventType.fromYaml(v);
            if (type.isEmpty()) {
                problems.error(
                        map.value("event").orElseThrow(),
                        map.childPath("event"),
                        "Unknown event `" + v + "`."
                                + Suggestions.didYouMean(v, EventType.allSpellings()) + " Write one of "
                                + String.join(", ", canonicalEvents()) + ".");
            }
            return type.map(t -> new Condition.EventHappened(t, at));
        });
    }

    static List<String> canonicalEvents() {
        return Arrays.stream(EventType.values()).map(EventType::yamlName).toList();
    }

    private static boolean isNumberOrDate(String v) {
        return v.trim().matches("[-+]?\\d+(\\.\\d+)?") || isDateShaped(v);
    }

    private static boolean isDateShaped(String v) {
        return v.trim().matches("\\d{4}-\\d{2}-\\d{2}");
    }

    /**
     * A date written in a condition must be on the calendar and in a sane range: `2025-02-30` would
     * silently never match (it is compared as text), and a year like 0000 is read differently by Java
     * and PostgreSQL, so the audience preview and the runtime would disagree.
     */
    private static Optional<String> dateProblem(String v) {
        String t = v.trim();
        LocalDate date;
        try {
            date = LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return Optional.of(
                    "`" + t + "` is not a date on the calendar: write a real day as yyyy-mm-dd, e.g. 2025-12-24.");
        }
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            return Optional.of("`" + t + "` is out of range: dates in conditions run from " + EARLIEST_DATE + " to "
                    + LATEST_DATE + ".");
        }
        return Optional.empty();
    }
}
