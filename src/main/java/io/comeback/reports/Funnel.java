package io.comeback.reports;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The counts of a flow's funnel over a period; README "Reports" defines each one. They add up: {@code entered} =
 * {@code treated} + {@code heldOut}, and {@code converted} counts treated customers who reached the goal after one of
 * their texts was sent (held-out customers get no text: their conversions are the lift's).
 */
public record Funnel(
        long entered,
        long treated,
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
