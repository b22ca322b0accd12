package io.comeback.shops;

import java.math.BigDecimal;
import java.time.Instant;

/** A refund the shop made, by its own id (refunds arrive on their own and inside order records: both are one). */
public record ShopRefund(String refundId, BigDecimal amount, Instant at) {}
