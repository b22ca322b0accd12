package io.comeback.audience.inactivity;

/**
 * The seam for frequency caps (issue 5): which lapsed customers the caps would keep from another
 * marketing text now. Detection and preview count them as {@code excluded.capped} and leave them
 * out. An implementation answers with an SQL condition, so capping stays inside the one set-based
 * pass: it may use {@code l.id} (the customer's {@code customers.id}) and {@code p.as_of} (the
 * detection instant), e.g. {@code (SELECT count(*) FROM outbound … WHERE customer_id = l.id AND
 * sent_at > p.as_of - interval '7 days') >= 3}.
 */
public interface FrequencyCaps {

    /** An SQL boolean expression; {@code FALSE} when no cap applies. Never built from user input. */
    String cappedCondition(String flowId);
}
