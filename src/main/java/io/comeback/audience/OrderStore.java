package io.comeback.audience;

/**
 * The statements that fold new orders into their customers' facts (the personal rhythm between purchase days in
 * the customer's zone; the favourite category and last product when the order has items): shared by
 * {@link OrderChanges} (one order, in the transaction that inserts it) and the CSV import (a whole batch of new
 * orders at once). A change to an order that already counted recomputes the customer's facts instead
 * ({@link CustomerFactStore}).
 */
public final class OrderStore {

    /**
     * The subquery gives per customer: count, first_at, last_at, spent and times (the new orders' times, any order;
     * the recent-times functions are in migration V20).
     */
    public static final String FOLD_FACTS = """
            UPDATE customers c SET
                orders_count = c.orders_count + n.count,
                first_order_at = LEAST(c.first_order_at, n.first_at),
                last_order_at = GREATEST(c.last_order_at, n.last_at),
                total_spent = c.total_spent + n.spent,
                recent_order_times = comeback_recent_order_times(c.recent_order_times, n.times),
                median_gap_seconds = comeback_median_gap_seconds(
                    comeback_recent_order_times(c.recent_order_times, n.times), c.time_zone)
            FROM (%s) n
            WHERE c.id = n.customer_id
            """;

    /**
     * Recomputes the facts order items give (favourite category, last product; functions of migration V190) from the
     * customer's orders: an order without items changes neither, so only an order with items pays for it.
     * Parameter: the customer.
     */
    public static final String ITEM_FACTS = """
            UPDATE customers SET favourite_category = comeback_favourite_category(id),
                                 last_product = comeback_last_product(id)
            WHERE id = ?""";

    private OrderStore() {}
}
