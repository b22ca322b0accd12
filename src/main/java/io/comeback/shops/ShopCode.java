package io.comeback.shops;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A code a flow issued, to be created at the shop: a single-use discount with what the flow's coupon gives (a
 * percentage, or an amount, off the order), valid from its issue until its last day.
 */
public record ShopCode(
        long id,
        String code,
        String flowId,
        String platform,
        BigDecimal percentOff,
        BigDecimal amountOff,
        Instant issuedAt,
        Instant expiresAt,
        int attempts) {

    /** How the shop names the discount, so a code found there is recognised as this one. */
    public String title() {
        return "Comeback " + flowId + " " + code;
    }
}
