package io.comeback.reports;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One period's loyalty figures; README "Reports" defines each. Rates are fractions 0..1 and null
 * when their denominator is 0.
 */
public record LoyaltyPeriod(
        Instant start,
        Instant end,
        long customersAtStart,
        long customersAtEnd,
        long newCustomers,
        Double retentionRate,
        Double churnRate,
        Double repeatPurchaseRate,
        long orders,
        BigDecimal revenue,
        BigDecimal averageOrderValue,
        Double purchaseFrequency,
        Double averageLifespanDays,
        BigDecimal lifetimeValue,
        NpsReport nps) {}
