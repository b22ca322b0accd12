package io.comeback.reports;

import java.math.BigDecimal;
import java.util.Map;

/** The counts of a flow's funnel over a period; README "Reports" defines each one. */
public record Funnel(
        long entered,
        long heldOut,
        long sent,
        long delivered,
        long failed,
        Map<String, Long> failedByError,
        long replied,
        long clicked,
        long optedOut,
        long converted,
        long attributedOrders,
        BigDecimal attributedRevenue,
        long redemptions,
        BigDecimal redemptionRevenue) {}
