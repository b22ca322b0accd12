package io.comeback.reports;

import java.math.BigDecimal;

/**
 * Treated against held-out entrants of one period. {@code difference} = treatedRate − holdoutRate,
 * with a 95% Wald interval for the difference of two proportions; {@code significant} when the
 * interval leaves out 0.
 */
public record Lift(
        long treated,
        long treatedConverted,
        double treatedRate,
        BigDecimal treatedRevenuePerPerson,
        long holdout,
        long holdoutConverted,
        double holdoutRate,
        BigDecimal holdoutRevenuePerPerson,
        double difference,
        double ciLow,
        double ciHigh,
        boolean significant) {}
