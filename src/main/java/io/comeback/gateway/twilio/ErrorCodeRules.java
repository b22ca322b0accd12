package io.comeback.gateway.twilio;

import io.comeback.messaging.port.DeliveryProblem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Twilio error codes are acted on, and after how many occurrences for the same number.
 * Configured as {@code code=action} or {@code code=action:threshold}, comma-separated; actions are
 * {@code opt-out}, {@code unreachable}, {@code review}, {@code slow-down} ({@code comeback.twilio.error-rules};
 * the shipped rules are in application.properties). Pure: counting occurrences is the caller's job.
 */
public final class ErrorCodeRules {

    /** @param threshold occurrences for one number (within the configured window) before the rule acts */
    public record Rule(String code, DeliveryProblem problem, int threshold) {
        public Rule {
            if (threshold < 1) {
                throw new IllegalArgumentException("error rule " + code + ": the threshold must be at least 1");
            }
        }
    }

    private final Map<String, Rule> byCode;

    private ErrorCodeRules(Map<String, Rule> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    public static ErrorCodeRules parse(String spec) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Rule rule = parseRule(entry.trim());
            if (rules.put(rule.code(), rule) != null) {
                throw new IllegalArgumentException("error rule " + rule.code() + " is configured twice");
            }
        }
        return new ErrorCodeRules(rules);
    }

    private static Rule parseRule(String entry) {
        String[] codeAndAction = entry.split("=", 2);
        if (codeAndAction.length != 2 || !codeAndAction[0].trim().matches("\\d+")) {
            throw new IllegalArgumentException("error rule '" + entry + "' should look like 30003=unreachable:3");
        }
        String[] actionAndThreshold = codeAndAction[1].trim().split(":", 2);
        int threshold = 1;
        if (actionAndThreshold.length == 2) {
            try {
                threshold = Integer.parseInt(actionAndThreshold[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "error rule '" + entry + "': the threshold after ':' must be a number");
            }
        }
        return new Rule(codeAndAction[0].trim(), problemNamed(actionAndThreshold[0].trim(), entry), threshold);
    }

    private static DeliveryProblem problemNamed(String action, String entry) {
        switch (action.toLowerCase(Locale.ROOT)) {
            case "opt-out":
                return DeliveryProblem.OPT_OUT;
            case "unreachable":
                return DeliveryProblem.UNREACHABLE;
            case "review":
                return DeliveryProblem.REVIEW_CONTENT;
            case "slow-down":
                return DeliveryProblem.SLOW_DOWN;
            default:
                throw new IllegalArgumentException("error rule '" + entry + "': unknown action '" + action
                        + "'; use opt-out, unreachable, review or slow-down");
        }
    }

    public Optional<Rule> ruleFor(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.trim()));
    }

    /**
     * The problem to act on now, given how many times the number had an error of the same problem
     * within the window (this one included). Acts at the threshold and on every later occurrence, so
     * a missed report is made up by the next one.
     */
    public Optional<DeliveryProblem> decide(String code, long occurrences) {
        return ruleFor(code).filter(rule -> occurrences >= rule.threshold()).map(Rule::problem);
    }

    public Map<String, Rule> rules() {
        return byCode;
    }
}
