package io.comeback.audience;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an order stands. Only a purchase counts (facts, rhythm, goals, reports): an order that is {@link #PENDING}
 * (not paid yet: a WooCommerce order waiting for its payment, or whose payment failed) or {@link #CANCELLED} is kept
 * apart ({@code orders_not_counted}, V272). A refunded order still counts as an order, worth what was not refunded.
 */
public enum OrderStatus {
    PENDING("pending"),
    PLACED("placed"),
    PAID("paid"),
    PARTIALLY_REFUNDED("partially_refunded"),
    REFUNDED("refunded"),
    CANCELLED("cancelled");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    /** As stored and as the API writes it. */
    public String wire() {
        return wire;
    }

    public boolean counts() {
        return this != PENDING && this != CANCELLED;
    }

    public static Optional<OrderStatus> fromWire(String value) {
        return value == null
                ? Optional.empty()
                : Arrays.stream(values())
                        .filter(s -> s.wire.equalsIgnoreCase(value.trim()))
                        .findFirst();
    }

    public static String allWire() {
        return String.join(", ", Arrays.stream(values()).map(OrderStatus::wire).toList());
    }
}
