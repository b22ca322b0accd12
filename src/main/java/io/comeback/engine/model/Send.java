package io.comeback.engine.model;

import java.util.Optional;

/** Sends one SMS; the text's language follows the customer's locale. */
public record Send(
        String id, Optional<Target> next, LocalizedText text, Optional<CouponSpec> coupon, SourceLocation location)
        implements Step {

    public String kind() {
        return "send";
    }
}
