package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Wait;
import java.time.LocalTime;
import java.util.List;

/** Checks about the flow as a whole: trigger windows, entry rules, settings that contradict each other. */
final class FlowChecks {

    private FlowChecks() {}

    static void check(Flow flow, ConditionChecks conditions, List<Problem> out) {
        conditions.check(flow.entry().audience(), "entry.audience", -1);
        Trigger trigger = flow.trigger();
        if (trigger instanceof Trigger.OrderPlaced order) {
            conditions.check(order.filters(), "trigger.order_placed.filters", -1);
        }
        if (trigger instanceof Trigger.EventTrigger event) {
            conditions.check(event.filters(), "trigger.event.filters", -1);
        }
        if (trigger instanceof Trigger.Segment segment) {
            conditions.check(segment.when(), "trigger.segment.when", -1);
        }
        if (trigger instanceof Trigger.Inactive inactive
                && inactive.rhythmFactor().isPresent()
                && inactive.noPurchaseFor().isEmpty()) {
            out.add(Problem.info(
                    inactive.location(),
                    "trigger.inactive",
                    "Customers with fewer than "
                            + inactive.minOrders() + " orders have no rhythm yet and never count as lapsed. Add "
                            + "`no_purchase_for: P90D` as the window for them."));
        }
        if (trigger instanceof Trigger.DateTrigger date) {
            quietHoursClash(flow, date.at(), date.location(), "trigger.date.at", out);
            if (date.yearly() && flow.entry().reEntry() instanceof ReEntry.Never) {
                out.add(
                        Problem.warning(
                                flow.entry().reEntry().location().isKnown()
                                        ? flow.entry().reEntry().location()
                                        : date.location(),
                                "entry.re_entry",
                                "With `re_entry: never` (the default) each customer enters "
                                        + "once, the first time the date comes round, never again in later years. Write "
                                        + "`re_entry: always` to enter them every year (once per year: the date comes round once)."));
            }
        }
        if (trigger instanceof Trigger.ReferralConverted referral
                && flow.entry().reEntry() instanceof ReEntry.Never) {
            out.add(Problem.warning(
                    flow.entry().reEntry().location().isKnown()
                            ? flow.entry().reEntry().location()
                            : referral.location(),
                    "entry.re_entry",
                    "With `re_entry: never` (the default) a referrer is rewarded for their first friend only. Write "
                            + "`re_entry: always` to reward every friend (each friend's first order rewards once)."));
        }
        if (flow.entry().holdoutPercent() > 50) {
            out.add(Problem.warning(
                    flow.entry().location(),
                    "entry.holdout_percent",
                    "A holdout of "
                            + flow.entry().holdoutPercent()
                            + " % keeps most customers out of the flow. 5-20 is usual for "
                            + "measuring lift."));
        }
        flow.settings()
                .frequencyCap()
                .filter(cap -> !flow.settings().isMarketing())
                .ifPresent(cap -> out.add(Problem.warning(
                        cap.location(),
                        "settings.frequency_cap",
                        "Frequency caps apply to marketing texts "
                                + "only; this flow is transactional, so `frequency_cap` has no effect. Remove it, or set "
                                + "`kind: marketing`.")));
        boolean unreadableSteps = flow.steps().stream().anyMatch(FlowChecks::isPlaceholder);
        if (!flow.steps().isEmpty() && !unreadableSteps && flow.steps().stream().noneMatch(s -> s instanceof Send)) {
            SourceLocation at = flow.steps().isEmpty()
                    ? flow.location()
                    : flow.steps().get(0).location();
            out.add(Problem.warning(at, "steps", "This flow never sends a message. Add a `send` step."));
        }
    }

    /** The parser stands in a do-nothing wait for a step it could not read (already reported). */
    private static boolean isPlaceholder(Step step) {
        return step instanceof Wait w
                && w.duration().isEmpty()
                && w.untilTimeOfDay().isEmpty()
                && w.untilDate().isEmpty();
    }

    /** A fixed send time inside quiet hours is legal (it is deferred) but rarely meant. */
    static void quietHoursClash(Flow flow, LocalTime time, SourceLocation at, String path, List<Problem> out) {
        flow.settings()
                .quietHours()
                .filter(q -> q.contains(time))
                .ifPresent(q -> out.add(Problem.warning(
                        at,
                        path,
                        time + " is inside the quiet hours (" + q.start() + "-" + q.end() + "), so messages wait until "
                                + q.end() + ". Pick a time between " + q.end() + " and " + q.start() + ".")));
    }
}
