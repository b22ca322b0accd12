package io.comeback.engine.parse;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.DateField;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code trigger:} — a trigger name alone ({@code trigger: customer_created}) or one
 * trigger name with its parameters ({@code trigger: {order_placed: {delay: P5D}}}).
 */
final class TriggerReader {

    static final Map<String, List<String>> PARAMETERS = Vocabulary.TRIGGER_PARAMETERS;

    private final Problems problems;

    TriggerReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Trigger> read(Node node, String path, SourceLocation keyAt) {
        if (node instanceof ScalarNode scalar) {
            return named(scalar.getValue().trim(), scalar, null, path);
        }
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            problems.error(
                    node,
                    path,
                    "Expected one trigger, e.g. `trigger: customer_created` or "
                            + "`trigger: {order_placed: {delay: P5D}}`.");
            return Optional.empty();
        }
        if (mapping.getValue().size() > 1) {
            Node second = mapping.getValue().get(1).getKeyNode();
            problems.error(second, path, "A flow has one trigger; found more than one. Make a flow per trigger.");
        }
        NodeTuple first = mapping.getValue().get(0);
        if (!(first.getKeyNode() instanceof ScalarNode key)) {
            problems.error(first.getKeyNode(), path, "Expected a trigger name such as order_placed.");
            return Optional.empty();
        }
        Node params = Scalars.isNull(first.getValueNode()) ? null : first.getValueNode();
        return named(key.getValue().trim(), key, params, path);
    }

    private Optional<Trigger> named(String name, Node nameNode, Node params, String path) {
        if (!PARAMETERS.containsKey(name)) {
            problems.error(
                    nameNode,
                    path,
                    "Unknown trigger `" + name + "`." + Suggestions.didYouMean(name, Trigger.TYPES) + " Write one of "
                            + String.join(", ", Trigger.TYPES) + ".");
            return Optional.empty();
        }
        SourceLocation at = Problems.at(nameNode);
        String paramsPath = path + "." + name;
        YamlMap p = params == null
                ? YamlMap.empty(paramsPath, problems, at)
                : YamlMap.of(params, paramsPath, problems, at, PARAMETERS.get(name), "the " + name + " trigger")
                        .orElse(null);
        if (p == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "customer_created" -> Optional.of(new Trigger.CustomerCreated(at));
            case "order_placed" -> Optional.of(orderPlaced(p, at));
            case "event" -> event(p, at);
            case "inactive" -> Optional.of(inactive(p, at));
            case "segment" -> segment(p, at);
            case "date" -> date(p, at);
            default -> keyword(p, at);
        };
    }

    private Trigger orderPlaced(YamlMap p, SourceLocation at) {
        Optional<FlowDuration> delay = p.parsed("delay", n -> Durations.read(n, p.childPath("delay"), problems, true));
        List<Condition> filters = p.value("filters")
                .map(n -> new ConditionReader(problems).readList(n, p.childPath("filters")))
                .orElse(List.of());
        return new Trigger.OrderPlaced(delay, filters, at);
    }

    private Trigger inactive(YamlMap p, SourceLocation at) {
        Optional<FlowDuration> noPurchase =
                p.parsed("no_purchase_for", n -> Durations.read(n, p.childPath("no_purchase_for"), problems, false));
        Optional<Double> factor = p.decimal("rhythm_factor", 1, 20);
        int minOrders = p.integer("min_orders", 2, 1000).orElse(Trigger.Inactive.DEFAULT_MIN_ORDERS);
        Optional<FlowDuration> noEngagement = p.parsed(
                "no_engagement_for", n -> Durations.read(n, p.childPath("no_engagement_for"), problems, false));
        Optional<Integer> unanswered = p.integer("unanswered_messages", 1, 100);
        if (!p.has("no_purchase_for")
                && !p.has("rhythm_factor")
                && !p.has("no_engagement_for")
                && !p.has("unanswered_messages")) {
            problems.error(
                    p.owner(),
                    p.path(),
                    "Say when a customer counts as inactive, e.g. `no_purchase_for: P90D`, "
                            + "`rhythm_factor: 2` (twice their usual gap between orders), `no_engagement_for: P60D` or "
                            + "`unanswered_messages: 3`.");
        }
        return new Trigger.Inactive(
                noPurchase,
                factor.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                minOrders,
                noEngagement,
                unanswered.map(OptionalInt::of).orElse(OptionalInt.empty()),
                at);
    }

    private Optional<Trigger> event(YamlMap p, SourceLocation at) {
        Optional<String> type = p.requiredText(
                        "type",
                        "name the event type that starts this flow, as the events API "
                                + "records it, e.g. `type: wishlist_added`.")
                .map(String::trim);
        List<Condition> filters = p.value("filters")
                .map(n -> new ConditionReader(problems).readList(n, p.childPath("filters")))
                .orElse(List.of());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Node typeNode = p.value("type").orElseThrow();
        if (!EVENT_TYPE.matcher(type.get()).matches()) {
            problems.error(
                    typeNode,
                    p.childPath("type"),
                    "`" + type.get() + "` is not an event type: event types are "
                            + "snake_case (lower-case letters, digits and _, starting with a letter), e.g. `wishlist_added`.");
            return Optional.empty();
        }
        if (ORDER_EVENTS.contains(type.get())) {
            problems.error(
                    typeNode,
                    p.childPath("type"),
                    "Orders come in through the orders API, not as events: "
                            + "write `trigger: order_placed` (with `filters` on `order.total` and the like).");
            return Optional.empty();
        }
        return Optional.of(new Trigger.EventTrigger(type.get(), filters, at));
    }

    /** The spelling the events API accepts for a type ({@code EventService}). */
    static final java.util.regex.Pattern EVENT_TYPE = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static final List<String> ORDER_EVENTS = List.of("order", "ordered", "order_placed");

    private Optional<Trigger> segment(YamlMap p, SourceLocation at) {
        Optional<Node> when = p.required(
                "when",
                "list the conditions (all must hold) a customer comes to match, e.g. " + "`when: [{tag: vip}]`.");
        if (when.isEmpty()) {
            return Optional.empty();
        }
        List<Condition> conditions = new ConditionReader(problems).readList(when.get(), p.childPath("when"));
        if (conditions.isEmpty()) {
            if (when.get() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq
                    && seq.getValue().isEmpty()) {
                problems.error(
                        when.get(),
                        p.childPath("when"),
                        "List at least one condition: with none every customer " + "is in the segment at once.");
            }
            return Optional.empty();
        }
        return Optional.of(new Trigger.Segment(conditions, at));
    }

    private Optional<Trigger> date(YamlMap p, SourceLocation at) {
        Optional<DateField> field = dateField(p);
        LocalTime time =
                p.parsed("at", n -> Times.read(n, p.childPath("at"), problems)).orElse(Trigger.DateTrigger.DEFAULT_AT);
        int offset = p.integer("offset_days", -366, 366).orElse(0);
        boolean yearly = p.bool("yearly").orElse(true);
        return field.map(f -> new Trigger.DateTrigger(f, time, offset, yearly, at));
    }

    /** {@code attribute: birthday}, or {@code field:} naming an attribute or the first order; exactly one. */
    private Optional<DateField> dateField(YamlMap p) {
        String hint = "say which date of the customer comes round: `attribute: birthday` (any date attribute), or "
                + "`field: " + DateField.FIRST_ORDER_FIELD + "` for the anniversary of the first order.";
        if (p.has("attribute") && p.has("field")) {
            problems.error(
                    p.keyLocation("field"), p.childPath("field"), "Write `attribute` or `field`, not both: " + hint);
            return Optional.empty();
        }
        if (!p.has("field")) {
            return p.requiredText("attribute", hint)
                    .map(String::trim)
                    .filter(a -> !a.isEmpty())
                    .map(DateField::attribute);
        }
        Optional<String> written = p.text("field").map(String::trim);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        String field = written.get();
        if (field.equals(DateField.FIRST_ORDER_FIELD) || field.equals(DateField.FIRST_ORDER_FACT)) {
            return Optional.of(DateField.firstOrder());
        }
        if (field.equals(DateField.BIRTHDAY_FIELD)) {
            return Optional.of(DateField.attribute(DateField.BIRTHDAY));
        }
        if (io.comeback.engine.model.Variables.isAttribute(field)) {
            return Optional.of(
                    DateField.attribute(field.substring(io.comeback.engine.model.Variables.ATTRIBUTE_PREFIX.length())));
        }
        List<String> known = new ArrayList<>(DateField.FIELDS);
        known.add("customer.attributes.<name>");
        problems.error(
                p.value("field").orElseThrow(),
                p.childPath("field"),
                "`" + field + "` is not a date of the "
                        + "customer." + Suggestions.didYouMean(field, DateField.FIELDS) + " Write one of "
                        + String.join(", ", known) + ".");
        return Optional.empty();
    }

    private Optional<Trigger> keyword(YamlMap p, SourceLocation at) {
        p.required("words", "list the words that start this flow, e.g. `words: [TILBUD, OFFER]`.");
        List<String> words = new ArrayList<>();
        List<Node> items = p.list("words", "words");
        for (int i = 0; i < items.size(); i++) {
            Scalars.text(items.get(i), p.childPath("words") + "[" + i + "]", problems, "a word")
                    .map(String::trim)
                    .filter(w -> !w.isEmpty())
                    .ifPresent(words::add);
        }
        return words.isEmpty() ? Optional.empty() : Optional.of(new Trigger.Keyword(words, at));
    }
}
