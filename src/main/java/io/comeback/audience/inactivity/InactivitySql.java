package io.comeback.audience.inactivity;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.Inactivity;
import io.comeback.engine.run.PurchaseRhythm;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Writes the set-based SQL for one {@code inactive} trigger: one pass over {@code customers},
 * reading only the facts kept on each row. It mirrors {@link PurchaseRhythm}
 * and {@link Inactivity} exactly ({@code InactivitySqlAgreementTest} holds
 * them together):
 * <ul>
 *   <li>purchase: with {@code rhythmFactor}, at least {@code minOrders} orders and a median gap (between
 *       purchase days, kept on the row by the order fold, migration V190), lapsed at last order +
 *       max(round(median gap × factor), floor) seconds; otherwise, with {@code noPurchaseFor},
 *       at last order + that window in the customer's zone; never without an order;</li>
 *   <li>engagement: at last engagement + {@code noEngagementFor} in the customer's zone; at once
 *       for a customer who never engaged;</li>
 *   <li>unanswered: at least N marketing texts in a row without a reply or click.</li>
 * </ul>
 * A customer matches when every criterion set holds at {@code as_of}. Only numbers taken from a
 * parsed trigger and the instant (formatted here, never text from a request) are written into the
 * text. The instant is a literal rather than a parameter read through a CTE: a CTE scan in the
 * customers scan's filter is parallel-restricted and kept PostgreSQL from splitting the scan
 * between its workers; the {@code p} CTE stays for conditions that name {@code p.as_of}.
 */
final class InactivitySql {

    private InactivitySql() {}

    /**
     * {@code WITH p AS (...), lapses AS (...)}: every living customer lapsed at {@code asOf}, with the
     * columns of {@link LapseRow} plus consent and phone. Callers add {@code SELECT … FROM lapses}.
     */
    static String matching(Trigger.Inactive trigger, Instant asOf, Duration floor) {
        return matching(trigger, "TRUE", asOf, floor);
    }

    /** The instant as an SQL literal (an {@link Instant} prints as ISO-8601 in UTC, which PostgreSQL reads). */
    static String asOf(Instant asOf) {
        return "CAST('" + asOf + "' AS timestamptz)";
    }

    /**
     * As {@link #matching(Trigger.Inactive)}, with a column {@code in_audience}: the predicate (on
     * {@code customers c}) of the flow's entry conditions, evaluated in the same scan.
     */
    static String matching(Trigger.Inactive trigger, String inAudience, Instant asOf, Duration floor) {
        String at = asOf(asOf);
        boolean purchase =
                trigger.rhythmFactor().isPresent() || trigger.noPurchaseFor().isPresent();
        StringBuilder where = new StringBuilder("TRUE");
        if (purchase) {
            where.append(" AND f.purchase_lapsed");
        }
        if (trigger.noEngagementFor().isPresent()) {
            where.append(" AND f.engagement_lapsed");
        }
        trigger.unansweredMessages()
                .ifPresent(n -> where.append(" AND f.unanswered_messages >= ").append(n));
        return """
                WITH p AS (SELECT %s AS as_of),
                facts AS (
                    SELECT c.id, c.external_id, c.consent_status, c.phone, c.time_zone, c.last_order_at,
                           c.median_gap_seconds, c.last_engaged_at, c.unanswered_messages,
                           %s AS basis, %s AS purchase_lapsed_at, %s AS engaged_lapsed_at, %s AS in_audience,
                           %s AS purchase_lapsed, %s AS engagement_lapsed
                    FROM customers c
                    WHERE c.erased_at IS NULL%s),
                lapses AS (
                    SELECT f.* FROM facts f WHERE %s)
                """.formatted(
                        at,
                        basis(trigger),
                        purchaseLapse(trigger, floor),
                        engagementLapse(trigger),
                        inAudience,
                        purchaseLapsed(trigger, asOf, floor),
                        engagementLapsed(trigger, asOf),
                        purchase ? " AND c.orders_count > 0" : "",
                        where);
    }

    private static String rhythmApplies(Trigger.Inactive trigger) {
        return "c.orders_count >= " + trigger.minOrders() + " AND c.median_gap_seconds IS NOT NULL";
    }

    private static String basis(Trigger.Inactive trigger) {
        String rhythm = "'" + MatchReason.Rule.PERSONAL_RHYTHM.wire + "'";
        String fixed = "'" + MatchReason.Rule.FIXED_WINDOW.wire + "'";
        if (trigger.rhythmFactor().isPresent()) {
            return "CASE WHEN " + rhythmApplies(trigger) + " THEN " + rhythm
                    + (trigger.noPurchaseFor().isPresent() ? " ELSE " + fixed : "") + " END";
        }
        return trigger.noPurchaseFor().isPresent() ? fixed : "CAST(NULL AS text)";
    }

    private static String purchaseLapse(Trigger.Inactive trigger, Duration floor) {
        String fixed = trigger.noPurchaseFor()
                .map(d -> plus("c.last_order_at", "c.time_zone", d))
                .orElse("NULL");
        if (trigger.rhythmFactor().isEmpty()) {
            return "CAST(" + fixed + " AS timestamptz)";
        }
        return "CASE WHEN " + rhythmApplies(trigger) + " THEN " + rhythmLapse(trigger, floor) + " ELSE " + fixed
                + " END";
    }

    /**
     * Last order + the personal window: Math.round(median × factor) in Java is floor(x + 0.5) on the same IEEE
     * doubles; never shorter than the floor (whole seconds, as {@code PurchaseRhythm} takes it).
     */
    private static String rhythmLapse(Trigger.Inactive trigger, Duration floor) {
        return ("c.last_order_at + GREATEST(floor(c.median_gap_seconds::float8 * CAST(%s AS float8) + 0.5), %d)"
                        + " * interval '1 second'")
                .formatted(Double.toString(trigger.rhythmFactor().getAsDouble()), floor.getSeconds());
    }

    /** Whether the purchase criterion holds at as_of; the same as {@code purchase_lapsed_at <= as_of}, cheaper. */
    private static String purchaseLapsed(Trigger.Inactive trigger, Instant asOfInstant, Duration floor) {
        String asOf = asOf(asOfInstant);
        String fixed = trigger.noPurchaseFor()
                .map(d -> lapsedBy("c.last_order_at", "c.time_zone", d, asOfInstant))
                .orElse("FALSE");
        if (trigger.rhythmFactor().isEmpty()) {
            return fixed;
        }
        return "CASE WHEN " + rhythmApplies(trigger) + " THEN " + rhythmLapse(trigger, floor) + " <= " + asOf + " ELSE "
                + fixed + " END";
    }

    /** Never engaged counts as not engaged; otherwise the calendar window in the customer's zone has passed. */
    private static String engagementLapsed(Trigger.Inactive trigger, Instant asOf) {
        return trigger.noEngagementFor()
                .map(d ->
                        "(c.last_engaged_at IS NULL OR " + lapsedBy("c.last_engaged_at", "c.time_zone", d, asOf) + ")")
                .orElse("TRUE");
    }

    /**
     * {@code instant + duration (in the zone) <= asOf}, deciding most rows by comparing the instant
     * with two constants: the window added on any wall clock ends within a few days of the window
     * added in UTC (month-end clamping moves it by at most three days, a zone's offset changes by at
     * most a day), so an instant more than {@link #BAND} before {@code asOf − window} (taken in UTC)
     * has surely lapsed and one more than {@code BAND} after it surely has not. Only rows between
     * the two need the exact, costlier calendar arithmetic of {@link #plus}. The bounds are literals
     * worked out here, so the scan compares each row with constants instead of adding an interval to
     * every row's instant (which PostgreSQL does with calendar arithmetic in the session's zone).
     */
    static String lapsedBy(String instant, String zone, FlowDuration duration, Instant asOf) {
        Instant nominal = asOf.atZone(ZoneOffset.UTC)
                .minus(duration.datePart())
                .toInstant()
                .minus(duration.timePart());
        return "(CASE WHEN %1$s <= %2$s THEN TRUE WHEN %1$s > %3$s THEN FALSE ELSE %4$s <= %5$s END)"
                .formatted(
                        instant,
                        asOf(nominal.minus(BAND)),
                        asOf(nominal.plus(BAND)),
                        plus(instant, zone, duration),
                        asOf(asOf));
    }

    /** Wider than the three days of clamping and the day of offset change it has to cover. */
    static final Duration BAND = Duration.ofDays(7);

    private static String engagementLapse(Trigger.Inactive trigger) {
        return trigger.noEngagementFor()
                .map(d -> plus("c.last_engaged_at", "c.time_zone", d))
                .orElse("CAST(NULL AS timestamptz)");
    }

    /**
     * {@code instant + duration} as {@link FlowDuration#addTo(java.time.Instant, java.time.ZoneId)} does
     * it: calendar part on the wall clock of the customer's zone (months, then days, as
     * {@code Period.addTo}), then the clock part as exact seconds.
     */
    static String plus(String instant, String zone, FlowDuration duration) {
        Period date = duration.datePart();
        String result = instant;
        if (!date.isZero()) {
            result = "((%s AT TIME ZONE %s) + interval '%d months %d days') AT TIME ZONE %s"
                    .formatted(instant, zone, date.toTotalMonths(), date.getDays(), zone);
        }
        long seconds = duration.timePart().getSeconds();
        return seconds == 0 ? "(" + result + ")" : "(" + result + " + interval '" + seconds + " seconds')";
    }
}
