package io.comeback.engine.validate;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SetStep;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.TextVariant;
import io.comeback.engine.model.Wait;
import io.comeback.engine.model.WaitForReply;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks inside each step: texts, languages, reply routes, branch conditions, variables in set. */
final class StepChecks {

    private final Flow flow;
    private final VariableScope scope;
    private final TextChecks texts;
    private final ConditionChecks conditions;
    private final List<Problem> out;
    private final Set<String> localesInFlow = new LinkedHashSet<>();

    StepChecks(Flow flow, VariableScope scope, List<Problem> out) {
        this.flow = flow;
        this.scope = scope;
        this.texts = new TextChecks(flow, scope, out);
        this.conditions = new ConditionChecks(scope, out);
        this.out = out;
        flow.steps().stream()
                .filter(s -> s instanceof Send)
                .map(s -> ((Send) s).text().variants().keySet())
                .forEach(localesInFlow::addAll);
    }

    void check() {
        for (int i = 0; i < flow.steps().size(); i++) {
            final int index = i;
            Step step = flow.steps().get(i);
            String path = "steps[" + i + "]";
            if (step instanceof Send send) {
                localized(
                        send.text(),
                        path + ".send.text",
                        i,
                        send.coupon(),
                        flow.settings().isMarketing());
                if (send.coupon().isPresent() && !flow.settings().isMarketing()) {
                    out.add(
                            Problem.warning(
                                    send.coupon().get().location(),
                                    path + ".send.coupon",
                                    "A coupon is an offer, "
                                            + "and offers are marketing: set `kind: marketing` under `settings`, or remove the coupon."));
                }
            } else if (step instanceof WaitForReply reply) {
                new ReplyChecks(out).check(reply, path + ".wait_for_reply");
                reply.reAsk()
                        .ifPresent(r -> localized(
                                r.text(), path + ".wait_for_reply.re_ask.text", index, Optional.empty(), false));
            } else if (step instanceof Branch branch) {
                for (int c = 0; c < branch.cases().size(); c++) {
                    List<Condition> when = branch.cases().get(c).conditions();
                    conditions.check(when, path + ".branch.cases[" + c + "].if", i);
                }
            } else if (step instanceof SetStep set && set.assignment() instanceof SetStep.AttributeFromVariable from) {
                scope.check(from.variable(), i)
                        .ifPresent(f -> out.add(new Problem(
                                f.severity(),
                                set.location().line(),
                                set.location().column(),
                                path + ".set.from",
                                f.message())));
            } else if (step instanceof Wait wait) {
                wait.untilTimeOfDay()
                        .ifPresent(
                                t -> FlowChecks.quietHoursClash(flow, t, wait.location(), path + ".wait.until", out));
            }
        }
    }

    private void localized(
            LocalizedText text, String path, int stepIndex, Optional<CouponSpec> coupon, boolean needsOptOut) {
        Map<String, TextVariant> variants = text.variants();
        for (TextVariant variant : variants.values()) {
            boolean writtenAsPlainString = variant.location().equals(text.location());
            texts.check(
                    variant,
                    path + (writtenAsPlainString ? "" : "." + variant.locale()),
                    stepIndex,
                    coupon,
                    needsOptOut);
        }
        if (variants.isEmpty()) {
            return;
        }
        String fallback = flow.settings().defaultLocale();
        if (!containsIgnoringCase(variants.keySet(), fallback)) {
            out.add(Problem.warning(
                    text.location(),
                    path,
                    "No text in the default language `" + fallback
                            + "`: customers whose language has no text get the `"
                            + variants.keySet().iterator().next()
                            + "` one. Add `" + fallback
                            + ":` with the text, or change `default_locale` under `settings`."));
        }
        for (String locale : localesInFlow) {
            if (!containsIgnoringCase(variants.keySet(), locale) && !locale.equalsIgnoreCase(fallback)) {
                out.add(Problem.warning(
                        text.location(),
                        path,
                        "No `" + locale + "` text here, while other messages in "
                                + "this flow have one: those customers get the "
                                + text.forLocale(locale, fallback).locale() + " text. Add `" + locale
                                + ":` with the text."));
            }
        }
    }

    private static boolean containsIgnoringCase(Set<String> set, String value) {
        return set.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)));
    }
}
