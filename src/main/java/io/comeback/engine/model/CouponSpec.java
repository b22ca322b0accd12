package io.comeback.engine.model;

/**
 * A unique coupon code issued to the customer when a {@code send} step runs, shown with
 * {@code {{ coupon.code }}} and {@code {{ coupon.expiresAt }}}. Later steps of the same
 * enrollment see the same code (e.g. in a reminder).
 *
 * @param prefix   fixed start of every code, e.g. {@code COMEBACK}
 * @param length   number of random characters after the prefix
 * @param validFor how long the code can be used, counted from the send
 */
public record CouponSpec(String prefix, int length, FlowDuration validFor, SourceLocation location) {

    public static final int DEFAULT_LENGTH = 6;
    public static final String DEFAULT_VALID_FOR = "P14D";
}
