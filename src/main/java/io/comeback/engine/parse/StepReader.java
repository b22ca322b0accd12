package io.comeback.engine.parse;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.Exit;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.Wait;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one item of {@code steps}: an {@code id}, an optional {@code next}, and exactly one key
 * naming what the step does. A step that cannot be read becomes a do-nothing placeholder with
 * its id, so the checks that follow (jumps, reachability) still see it and do not pile up
 * follow-on complaints.
 */
final class StepReader {

    static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> KEYS = Vocabulary.STEP;
    private static final Pattern COUPON_PREFIX = Pattern.compile("[A-Z0-9]*");
    private static final java.util.Map<String, String> EMPTY_HINTS = java.util.Map.of(
            "send", "write the message under it, e.g. `text: {nb: \"Hei!\", en: \"Hi!\"}`.",
            "wait", "write how long, e.g. `wait: P2D` or `wait: {until: \"10:00\"}`.",
            "wait_for_reply", "write at least `timeout: P2D` under it.",
            "branch", "list the choices under it, e.g. `cases: [{if: {event: ordered}, goto: thanks}]`.",
            "set", "say what to write, e.g. `attribute: nps` with `from: reply.score`, or `tag: vip`.");

    private final Problems problems;
    private final TextReader texts;
    private final ConditionReader conditions;
    private final String defaultLocale;

    StepReader(Problems problems, TextReader texts, String defaultLocale) {
        this.problems = problems;
        this.texts = texts;
        this.conditions = new ConditionReader(problems);
        this.defaultLocale = defaultLocale;
    }

    Optional<Step> read(Node node, String path) {
        Optional<YamlMap> maybe = YamlMap.of(node, path, problems, Problems.at(node), KEYS, "a step");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMap step = maybe.get();
        String id = step.requiredText("id", "give every step a short unique name, e.g. `id: ask_nps`.")
                .map(String::trim)
                .orElse("");
        if (!id.isEmpty() && !STEP_ID.matcher(id).matches()) {
            problems.error(
                    step.value("id").orElseThrow(),
                    step.childPath("id"),
                    "`" + id + "` is not a usable step id: " + "use letters, digits, _ and - only, e.g. `"
                            + id.replaceAll("[^A-Za-z0-9_-]+", "_") + "`.");
        }
        Optional<Target> next = Targets.read(step, "next");
        SourceLocation at = step.location();
        List<String> kinds = step.writtenKeys(Step.KINDS);
        boolean misspeltKind = step.unknownKeys().stream()
                .anyMatch(k -> Suggestions.closest(k, Step.KINDS).isPresent());
        if (kinds.isEmpty() && misspeltKind) {
            return Optional.of(placeholder(id, next, at));
        }
        if (kinds.isEmpty()) {
            problems.error(
                    at,
                    path,
                    "Step `" + id + "` does nothing: add one of " + String.join(", ", Step.KINDS)
                            + " (e.g. `send:` with a `text:`).");
            return Optional.of(placeholder(id, next, at));
        }
        if (kinds.size() > 1) {
            problems.error(
                    step.keyLocation(kinds.get(1)),
                    step.childPath(kinds.get(1)),
                    "A step does one thing, found " + String.join(" and ", kinds) + ": split it into two steps.");
        }
        String kind = kinds.get(0);
        if (kind.equals("exit") && next.isPresent()) {
            problems.error(
                    next.get().location(),
                    step.childPath("next"),
                    "An exit step ends the flow, so `next` has " + "no effect: remove it, or use another step kind.");
        }
        String bodyPath = step.childPath(kind);
        SourceLocation kindAt = step.keyLocation(kind);
        if (!step.has(kind)) {
            if (kind.equals("exit")) {
                return Optional.of(exitWithoutReason(id, at));
            }
            problems.error(kindAt, bodyPath, "`" + kind + "` is empty: " + EMPTY_HINTS.get(kind));
            return Optional.of(placeholder(id, next, at));
        }
        Node body = step.value(kind).orElseThrow();
        Optional<Step> parsed = switch (kind) {
            case "send" -> send(id, next, body, bodyPath, kindAt, at);
            case "wait" -> new WaitStepReader(problems).read(id, next, body, bodyPath, kindAt, at);
            case "wait_for_reply" ->
                new ReplyStepReader(problems, texts, defaultLocale).read(id, next, body, bodyPath, kindAt, at);
            case "branch" -> branch(id, next, body, bodyPath, kindAt, at);
            case "set" -> new SetStepReader(problems).read(id, next, body, bodyPath, kindAt, at);
            default -> exit(id, body, bodyPath, at);
        };
        return Optional.of(parsed.orElseGet(() -> placeholder(id, next, at)));
    }

    static Step placeholder(String id, Optional<Target> next, SourceLocation at) {
        return new Wait(id, next, Optional.empty(), Optional.empty(), Optional.empty(), at);
    }

    Optional<Step> send(
            String id, Optional<Target> next, Node body, String path, SourceLocation kindAt, SourceLocation at) {
        return YamlMap.of(body, path, problems, kindAt, Vocabulary.SEND, "a send step")
                .flatMap(send -> {
                    Optional<LocalizedText> text = send.required(
                                    "text", "write the message, e.g. `text: {nb: \"Hei!\", en: \"Hi!\"}`.")
                            .flatMap(n -> texts.read(n, send.childPath("text"), defaultLocale));
                    Optional<CouponSpec> coupon =
                            send.map("coupon", Vocabulary.COUPON, "a coupon").map(this::coupon);
                    return text.map(t -> new Send(id, next, t, coupon, at));
                });
    }

    private static final Pattern DISCOUNT = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,2})?");

    private CouponSpec coupon(YamlMap coupon) {
        String prefix = coupon.text("prefix").map(String::trim).orElse("");
        if (!COUPON_PREFIX.matcher(prefix).matches()) {
            problems.error(
                    coupon.value("prefix").orElseThrow(),
                    coupon.childPath("prefix"),
                    "`" + prefix
                            + "` cannot start a code: use capital letters A-Z and digits only, e.g. `"
                            + prefix.toUpperCase().replaceAll("[^A-Z0-9]", "") + "`.");
        }
        int length = coupon.integer("length", 4, 20).orElse(CouponSpec.DEFAULT_LENGTH);
        FlowDuration validFor = coupon.parsed(
                        "valid_for", n -> Durations.read(n, coupon.childPath("valid_for"), problems, false))
                .orElse(FlowDuration.of(CouponSpec.DEFAULT_VALID_FOR));
        Optional<CouponSpec.Discount> discount = coupon.text("discount").flatMap(text -> discount(coupon, text));
        return new CouponSpec(prefix, length, validFor, discount, coupon.location());
    }

    /** {@code 20%}: a percentage above 0, at most 100; {@code 100}: an amount above 0; two decimals at most. */
    private Optional<CouponSpec.Discount> discount(YamlMap coupon, String text) {
        String trimmed = text.trim();
        boolean percent = trimmed.endsWith("%");
        String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        BigDecimal value = null;
        if (DISCOUNT.matcher(number).matches()) {
            value = new BigDecimal(number);
        }
        if (value == null || value.signum() <= 0 || (percent && value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.error(
                    coupon.value("discount").orElseThrow(),
                    coupon.childPath("discount"),
                    "`" + text + "` is not a discount: write a percentage off the order such as `20%`, or an"
                            + " amount off in the shop's currency such as `100`.");
            return Optional.empty();
        }
        return Optional.of(new CouponSpec.Discount(percent, value));
    }

    private Optional<Step> branch(
            String id, Optional<Target> next, Node body, String path, SourceLocation kindAt, SourceLocation at) {
        return YamlMap.of(body, path, problems, kindAt, Vocabulary.BRANCH, "a branch step")
                .map(branch -> {
                    List<Branch.Case> cases = new ArrayList<>();
                    List<Node> items = branch.list("cases", "cases (`- if: ...` with `goto: step`)");
                    if (items.isEmpty() && !branch.has("cases")) {
                        problems.error(
                                kindAt,
                                branch.childPath("cases"),
                                "Missing `cases`: list the choices, e.g. "
                                        + "`cases: [{if: {event: ordered}, goto: thanks}]`.");
                    }
                    for (int i = 0; i < items.size(); i++) {
                        branchCase(items.get(i), branch.childPath("cases") + "[" + i + "]")
                                .ifPresent(cases::add);
                    }
                    return new Branch(id, next, cases, Targets.read(branch, "otherwise"), at);
                });
    }

    private Optional<Branch.Case> branchCase(Node node, String path) {
        return YamlMap.of(node, path, problems, Problems.at(node), Vocabulary.BRANCH_CASE, "a branch case")
                .flatMap(c -> {
                    Optional<List<Condition>> when = c.required(
                                    "if", "write the condition, e.g. `if: {event: ordered}`.")
                            .map(n -> n instanceof MappingNode
                                    ? conditions
                                            .read(n, c.childPath("if"))
                                            .map(List::of)
                                            .orElse(List.of())
                                    : conditions.readList(n, c.childPath("if")));
                    Optional<Target> target = c.required("goto", "name the step to go to, e.g. `goto: thanks`.")
                            .flatMap(n -> Targets.read(n, c.childPath("goto"), problems));
                    return when.flatMap(w -> target.map(t -> new Branch.Case(w, t, c.location())));
                });
    }

    private Optional<Step> exit(String id, Node body, String path, SourceLocation at) {
        return Scalars.text(body, path, problems, "the reason as one word, e.g. `exit: not_interested`")
                .map(reason -> new Exit(id, reason.trim(), at));
    }

    /** An {@code exit:} with no reason exits with the step's id as the reason. */
    static Exit exitWithoutReason(String id, SourceLocation at) {
        return new Exit(id, id, at);
    }
}
