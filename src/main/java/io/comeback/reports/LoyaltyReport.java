package io.comeback.reports;

import java.time.Instant;
import java.util.List;

/**
 * Loyalty figures per calendar period of [from, to) and over the whole range ({@code total}).
 *
 * @param flowId null for all customers, else only the customers who entered that flow (not held out)
 */
public record LoyaltyReport(
        Instant from,
        Instant to,
        ReportInterval interval,
        String flowId,
        List<LoyaltyPeriod> periods,
        LoyaltyPeriod total,
        String lifetimeValueFormula) {}
