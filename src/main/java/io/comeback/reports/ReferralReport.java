package io.comeback.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Referrals made in a period (README "Referrals"): each referrer with the customers they referred, and what those
 * customers ordered. Revenue is every order of a referred customer (none can have ordered before the referral).
 * An erased customer shows with a null id; their orders still count. {@code from}/{@code to} are null when open.
 * {@code currency}: the reporting currency every revenue is in.
 */
public record ReferralReport(Instant from, Instant to, Totals totals, List<Referrer> referrers, String currency) {

    public record Totals(long referrers, long referred, long converted, long orders, BigDecimal revenue) {}

    /** Sorted by revenue, then referred customers, highest first. */
    public record Referrer(
            String customerId,
            String code,
            long referred,
            long converted,
            long orders,
            BigDecimal revenue,
            List<Referred> customers) {}

    public record Referred(
            String customerId, Instant referredAt, Instant convertedAt, long orders, BigDecimal revenue) {}
}
