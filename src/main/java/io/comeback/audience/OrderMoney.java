package io.comeback.audience;

import io.comeback.audience.money.ExchangeRates;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * What an order counts in the reporting currency when a revision of it is stored: the amount ordered converted at the
 * rate in force when it was stored, less the refunds, each converted at the rate in force when it was stored. A
 * revision that changes neither the amount nor the currency keeps the order's rate; one that changes the refunds
 * converts only the difference at today's rate. Pure: today's rates come in as a function, asked only when needed
 * (so an order whose currency has lost its rate can still be cancelled).
 *
 * @param rate     reporting-currency units per unit of the order's currency, the amount's
 * @param net      what the order counts: the amount ordered less refunds (orders.total)
 * @param refunded the refunds (orders.refunded_total)
 */
public record OrderMoney(BigDecimal rate, BigDecimal net, BigDecimal refunded) {

    /** @param rateNow today's rate of a currency, or {@link io.comeback.audience.money.NoExchangeRate} */
    public static OrderMoney of(OrderRevision r, StoredOrder before, Function<String, BigDecimal> rateNow) {
        BigDecimal refundedNow = r.refundedCapped();
        BigDecimal rate;
        BigDecimal refunded;
        boolean sameAmount = before != null
                && before.rate() != null
                && before.currency().equals(r.currency())
                && before.amount().compareTo(r.amount()) == 0;
        if (sameAmount) {
            rate = before.rate();
            BigDecimal added = refundedNow.subtract(before.refunded());
            refunded = added.signum() == 0
                    ? before.shopRefunded()
                    : before.shopRefunded().add(ExchangeRates.convert(added, rateNow.apply(r.currency())));
        } else {
            rate = rateNow.apply(r.currency());
            refunded = ExchangeRates.convert(refundedNow, rate);
        }
        BigDecimal ordered = ExchangeRates.convert(r.amount(), rate);
        if (refundedNow.compareTo(r.amount()) >= 0 || refunded.compareTo(ordered) > 0) {
            refunded = ordered;
        }
        if (refunded.signum() < 0 || refundedNow.signum() == 0) {
            refunded = BigDecimal.ZERO.setScale(2);
        }
        return new OrderMoney(rate, ordered.subtract(refunded), refunded);
    }
}
