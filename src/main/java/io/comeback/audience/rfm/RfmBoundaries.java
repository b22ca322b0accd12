package io.comeback.audience.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The cut points that turn a customer's recency, frequency and money into scores 1–5: the values at
 * 20, 40, 60 and 80 % of the customers who have ordered, ascending.
 *
 * @param recencyDays days since the last order, as of {@code computedAt}
 * @param customers   how many customers (with at least one order) the cut points were taken from
 */
public record RfmBoundaries(
        List<BigDecimal> recencyDays,
        List<BigDecimal> frequency,
        List<BigDecimal> monetary,
        long customers,
        Instant computedAt) {}
