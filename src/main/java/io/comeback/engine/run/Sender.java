package io.comeback.engine.run;

import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.Languages;
import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.TextVariant;
import io.comeback.engine.run.Decision.SendPurpose;
import io.comeback.engine.run.EnrollmentState.Status;
import io.comeback.engine.text.SmsSegments;
import io.comeback.engine.text.Template;
import io.comeback.engine.time.QuietHours;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@code send} step (or a re-ask) into a {@link Decision.Send}, or into a
 * {@link Decision.Defer} when the recipient is inside the flow's quiet hours: a deferred text is
 * sent when the enrollment wakes at the end of the window, never dropped.
 */
final class Sender {

    private static final DateTimeFormatter NORDIC_DATE = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Set<String> DOTTED_DATES = Set.of("nb", "nn", "no", "da", "fi", "is");

    private final CouponCodes coupons;
    private final Map<String, String> globals;
    // Flows are few and immutable: parse each text once, render it many times.
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    Sender(CouponCodes coupons, Map<String, String> globals) {
        this.coupons = coupons;
        this.globals = globals;
    }

    /** True when the text went out; false when it was deferred (the run is then waiting). */
    boolean send(Run run, Send step) {
        if (deferredByQuietHours(run, step.id(), Status.DEFERRED_SEND)) {
            return false;
        }
        step.coupon().ifPresent(spec -> issueCouponOnce(run, step.id(), spec, chosen(run, step.text())));
        emitSend(run, step.id(), SendPurpose.STEP, step.text());
        return true;
    }

    boolean reAsk(Run run, String waitStepId, LocalizedText text) {
        if (deferredByQuietHours(run, waitStepId, Status.DEFERRED_RE_ASK)) {
            return false;
        }
        emitSend(run, waitStepId, SendPurpose.RE_ASK, text);
        return true;
    }

    private boolean deferredByQuietHours(Run run, String stepId, Status deferredStatus) {
        QuietHours quiet = run.flow
                .settings()
                .quietHours()
                .map(window -> new QuietHours(window.start(), window.end()))
                .orElse(QuietHours.NONE);
        Instant allowed = quiet.nextAllowed(run.now, run.zone());
        if (!allowed.isAfter(run.now)) {
            return false;
        }
        run.emit(new Decision.Defer(stepId, allowed, Decision.Defer.QUIET_HOURS));
        run.waitAt(stepId, deferredStatus, allowed);
        return true;
    }

    private static TextVariant chosen(Run run, LocalizedText text) {
        return text.forLocale(run.customer.locale(), run.flow.settings().defaultLocale());
    }

    private void emitSend(Run run, String stepId, SendPurpose purpose, LocalizedText text) {
        TextVariant variant = chosen(run, text);
        Template template = templates.computeIfAbsent(variant.template(), Template::parse);
        String body = template.render(new VariableLookup(run, globals));
        String sendKey = purpose == SendPurpose.RE_ASK ? stepId + "/re_ask" : stepId;
        int occurrence = run.nextOccurrence(sendKey);
        run.emit(new Decision.Send(
                stepId,
                purpose,
                occurrence,
                variant.locale(),
                body,
                SmsSegments.count(body),
                run.flow.settings().kind(),
                run.variables.get("coupon.code")));
    }

    /**
     * One code per enrollment: a reminder that also declares a coupon shows the same code. Its last day is written
     * the way the language of the text it first appears in writes dates.
     */
    private void issueCouponOnce(Run run, String stepId, CouponSpec spec, TextVariant text) {
        if (run.variables.containsKey("coupon.code")) {
            return;
        }
        String code = coupons.issue(spec, new CouponCodes.CouponRequest(run.flow.id(), run.customer.id(), stepId));
        Instant expires = spec.validFor().addTo(run.now, run.zone());
        run.variables.put("coupon.code", code);
        run.variables.put("coupon.expiresAt", formatDate(expires, run, text.locale()));
    }

    /** 15.7.2026 in Norwegian, Danish, Finnish and Icelandic; 2026-07-15 in Swedish (its own way) and others. */
    private static String formatDate(Instant instant, Run run, String textLocale) {
        boolean dotted = DOTTED_DATES.contains(Languages.language(textLocale));
        return (dotted ? NORDIC_DATE : ISO_DATE)
                .format(instant.atZone(run.zone()).toLocalDate());
    }
}
