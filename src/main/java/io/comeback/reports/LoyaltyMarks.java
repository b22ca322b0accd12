package io.comeback.reports;

import java.math.BigDecimal;

/** The running sums of the roll-up's marks before an instant (V73). */
record LoyaltyMarks(long customers, long active, BigDecimal gapSeconds) {

    static final LoyaltyMarks NONE = new LoyaltyMarks(0, 0, BigDecimal.ZERO);

    LoyaltyMarks plus(LoyaltyMarks other) {
        return new LoyaltyMarks(customers + other.customers, active + other.active, gapSeconds.add(other.gapSeconds));
    }

    LoyaltyQuery.Base base() {
        Double lifespanDays = customers == 0 ? null : gapSeconds.doubleValue() / customers / 86_400.0;
        return new LoyaltyQuery.Base(active, lifespanDays);
    }
}
