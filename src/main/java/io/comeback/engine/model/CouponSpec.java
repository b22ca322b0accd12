package io.comeback.engine.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A unique coupon code issued to the customer when a {@code send} step runs, shown with
 * {@code {{ coupon.code }}} and {@code {{ coupon.expiresAt }}}. Later steps of the same
 * enrollment see the same code (e.g. in a reminder).
 *
 * @param prefix   fixed start of every code, e.g. {@code COMEBACK}
 * @param length   number of random characters after the prefix
 * @param validFor how long the code can be used, counted from the send
 * @param discount what the code gives at a connected shop, where it is created before the text leaves; without
 *                 one, a shop cannot create it
 */
public record CouponSpec(
        String prefix, int length, FlowDuration validFor, Optional<Discount> discount, SourceLocation location) {

    public static final int DEFAULT_LENGTH = 6;
    public static final String DEFAULT_VALID_FOR = "P14D";

    public CouponSpec(String prefix, int length, FlowDuration validFor, SourceLocation location) {
        this(prefix, length, validFor, Optional.empty(), location);
    }

    /** {@code discount: 20%} (percent off the order) or {@code discount: 100} (an amount off, in the shop's currency). */
    public record Discount(boolean percent, BigDecimal value) {

        /** As written in a flow. */
        @Override
        public String toString() {
            return value.toPlainString() + (percent ? "%" : "");
        }
    }
}
