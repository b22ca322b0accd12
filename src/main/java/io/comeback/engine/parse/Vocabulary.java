package io.comeback.engine.parse;

import io.comeback.engine.model.Step;
import io.comeback.engine.model.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every key the flow language accepts, by where it may appear. The readers take their allowed
 * keys from here, and a test holds {@code flows/flow.schema.json} and {@code flows/README.md}
 * to the same list, so the editor schema, the reference and the parser cannot drift apart.
 */
public final class Vocabulary {

    public static final List<String> FLOW =
            List.of("id", "name", "description", "settings", "trigger", "entry", "links", "steps");
    public static final List<String> SETTINGS = List.of(
            "kind", "priority", "quiet_hours", "max_segments", "default_locale", "attribution_window", "frequency_cap");
    public static final List<String> QUIET_HOURS = List.of("start", "end");
    public static final List<String> FREQUENCY_CAP = List.of("max", "per", "when_capped", "max_delay");
    public static final List<String> ENTRY = List.of("audience", "re_entry", "holdout_percent", "goal");
    public static final List<String> RE_ENTRY = List.of("cooldown");
    public static final List<String> GOAL = List.of("event");
    public static final List<String> STEP = concat(List.of("id", "next"), Step.KINDS);
    public static final List<String> SEND = List.of("text", "coupon");
    public static final List<String> COUPON = List.of("prefix", "length", "valid_for", "discount");
    public static final List<String> WAIT = List.of("for", "until", "until_date");
    public static final List<String> UNTIL_DATE = List.of("attribute", "at", "offset_days");
    public static final List<String> WAIT_FOR_REPLY =
            List.of("timeout", "nps", "keywords", "otherwise", "on_timeout", "re_ask");
    public static final List<String> NPS_ROUTE = List.of("scores", "goto");
    public static final List<String> KEYWORD_ROUTE = List.of("words", "goto");
    public static final List<String> RE_ASK = List.of("text", "max");
    public static final List<String> BRANCH = List.of("cases", "otherwise");
    public static final List<String> BRANCH_CASE = List.of("if", "goto");
    public static final List<String> SET = List.of("attribute", "value", "from", "tag", "remove_tag");
    public static final List<String> CONDITION_SUBJECTS =
            List.of("attribute", "field", "tag", "consent", "event", "not", "any", "all");
    public static final List<String> CONDITION_OPERATORS =
            List.of("equals", "not_equals", "in", "not_in", "at_least", "at_most", "above", "below", "exists");
    public static final Map<String, List<String>> TRIGGER_PARAMETERS = orderedTriggers();

    private Vocabulary() {}

    /** Context name → keys allowed there, in reference order. */
    public static Map<String, List<String>> byContext() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("flow", FLOW);
        all.put("settings", SETTINGS);
        all.put("settings.quiet_hours", QUIET_HOURS);
        all.put("settings.frequency_cap", FREQUENCY_CAP);
        all.put("trigger", Trigger.TYPES);
        TRIGGER_PARAMETERS.forEach((type, keys) -> all.put("trigger." + type, keys));
        all.put("entry", ENTRY);
        all.put("entry.re_entry", RE_ENTRY);
        all.put("entry.goal", GOAL);
        all.put("step", STEP);
        all.put("send", SEND);
        all.put("send.coupon", COUPON);
        all.put("wait", WAIT);
        all.put("wait.until_date", UNTIL_DATE);
        all.put("wait_for_reply", WAIT_FOR_REPLY);
        all.put("wait_for_reply.nps[]", NPS_ROUTE);
        all.put("wait_for_reply.keywords[]", KEYWORD_ROUTE);
        all.put("wait_for_reply.re_ask", RE_ASK);
        all.put("branch", BRANCH);
        all.put("branch.cases[]", BRANCH_CASE);
        all.put("set", SET);
        all.put("condition", concat(CONDITION_SUBJECTS, CONDITION_OPERATORS));
        return Collections.unmodifiableMap(all);
    }

    /** Every fixed key of the language (not the names writers choose, such as link names or languages). */
    public static Set<String> allKeys() {
        Set<String> keys = new TreeSet<>();
        byContext().forEach((context, list) -> {
            if (!context.equals("trigger")) {
                keys.addAll(list);
            }
        });
        keys.addAll(Trigger.TYPES);
        return keys;
    }

    private static Map<String, List<String>> orderedTriggers() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("customer_created", List.of());
        m.put("order_placed", List.of("delay", "filters"));
        m.put("event", List.of("type", "filters"));
        m.put(
                "inactive",
                List.of("no_purchase_for", "rhythm_factor", "min_orders", "no_engagement_for", "unanswered_messages"));
        m.put("segment", List.of("when"));
        m.put("date", List.of("attribute", "field", "at", "offset_days", "yearly"));
        m.put("keyword", List.of("words"));
        m.put("referral_converted", List.of());
        return Collections.unmodifiableMap(m);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
