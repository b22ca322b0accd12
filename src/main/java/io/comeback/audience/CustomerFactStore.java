package io.comeback.audience;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Recomputes one customer's order facts (rhythm between purchase days in their zone, favourite category and last
 * product) from their counted orders, after an order changed or stopped counting (an
 * insert folds its order in instead, {@link OrderStore#FOLD_FACTS}). The customer is locked first and their orders
 * read by the next statement, so an order inserted meanwhile is either seen here or folded in on top after this
 * commits: its fold waits for the lock and adds to what is written here. The SQL twin of the engine's pure
 * {@code io.comeback.engine.run.CustomerFacts}, which defines the same facts ({@code CustomerFactsAgreementTest}).
 */
public final class CustomerFactStore {

    private static final String LOCK = "SELECT id FROM customers WHERE id = ? FOR UPDATE";
    private static final String RECOMPUTE = """
            UPDATE customers c SET
                orders_count = f.count,
                first_order_at = f.first_at,
                last_order_at = f.last_at,
                total_spent = f.spent,
                recent_order_times = f.times,
                median_gap_seconds = comeback_median_gap_seconds(f.times, c.time_zone),
                favourite_category = comeback_favourite_category(c.id),
                last_product = comeback_last_product(c.id)
            FROM (SELECT count(*)::int AS count, min(o.placed_at) AS first_at, max(o.placed_at) AS last_at,
                         coalesce(sum(o.total), 0) AS spent,
                         comeback_recent_order_times('{}', coalesce(array_agg(o.placed_at), '{}')) AS times
                  FROM orders o WHERE o.customer_id = ?) f
            WHERE c.id = ?""";

    private CustomerFactStore() {}

    public static void recompute(Connection c, long customerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LOCK)) {
            st.setLong(1, customerId);
            st.executeQuery().close();
        }
        try (PreparedStatement st = c.prepareStatement(RECOMPUTE)) {
            st.setLong(1, customerId);
            st.setLong(2, customerId);
            st.executeUpdate();
        }
    }
}
