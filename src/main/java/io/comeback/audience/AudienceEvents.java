package io.comeback.audience;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * CDI events the audience fires inside the ingest transaction, so triggers (flow entry, goals) are
 * written atomically with the fact that caused them, without the audience knowing about flows.
 */
public final class AudienceEvents {

    private AudienceEvents() {}

    /** A customer row was created (not updated). */
    public record CustomerCreated(long customerId) {}

    /** A new order was stored (not a repeat of a known order id). */
    public record OrderPlaced(long customerId, String orderId, BigDecimal total, String couponCode, Instant placedAt) {}

    /** An engagement event (site_visit, link_click, …) was recorded. */
    public record EngagementRecorded(long customerId, String type, Map<String, Object> properties) {}
}
