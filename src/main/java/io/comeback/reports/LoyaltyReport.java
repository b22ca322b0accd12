package io.comeback.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Loyalty figures per calendar period of [from, to) and over the whole range ({@code total}).
 *
 * @param flowId      null for all customers, else only the customers who entered that flow (not held out)
 * @param lapse       the lapse definition the customer base, retention and churn are read against, beside the
 *                    inactive flows' own windows
 * @param definitions what the customer-base figures mean under it, by figure name
 * @param currency    the reporting currency revenue, average order value and lifetime value are in
 */
public record LoyaltyReport(
        Instant from,
        Instant to,
        ReportInterval interval,
        String flowId,
        List<LoyaltyPeriod> periods,
        LoyaltyPeriod total,
        String lifetimeValueFormula,
        LapseDefinition.Lapse lapse,
        Map<String, String> definitions,
        String currency) {}
