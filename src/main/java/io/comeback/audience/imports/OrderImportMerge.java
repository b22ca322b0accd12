package io.comeback.audience.imports;

import io.comeback.audience.coupons.CouponRedemptions;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The statement that stores a batch of staged orders: it resolves customers, stores what is new (cancelled and unpaid
 * orders kept apart), attributes coupons and reports every other row, with the outcome codes {@link #store} reads
 * into the import's report.
 */
final class OrderImportMerge {

    private OrderImportMerge() {}

    static final String STORED_ORDERS =
            "SELECT customer_id, order_id, total, coupon_code, placed_at FROM import_stored_orders";

    static final int UNKNOWN_CUSTOMER = 0;
    static final int WRITTEN_BY_THIS_IMPORT = 1;
    static final int STORED_BEFORE = 2;

    /**
     * One statement resolves customers, inserts what is new, attributes coupons and
     * reports every other row; its outer SELECT sees the orders table as it was before the insert.
     */
    static final String MERGE = merge("");

    /**
     * {@link #MERGE} that also writes the orders it stored placed at or after its first parameter to
     * {@code import_stored_orders}, for what they set in motion.
     */
    static final String MERGE_KEEPING = merge("""
            ,
            stored AS (INSERT INTO import_stored_orders (id, customer_id, order_id, total, coupon_code, placed_at)
                       SELECT id, customer_id, order_id, order_amount, coupon_code, placed_at FROM inserted
                       WHERE placed_at >= ?)""");

    /**
     * Merges the staged batch ({@code import_orders}) and counts or rejects each of its rows in {@code report}.
     *
     * @param keptSince orders placed at or after it are also kept in {@code import_stored_orders}; empty: none
     * @param startedAt the database's clock when the import began: orders created since were written by it
     */
    static void store(
            Connection connection, Optional<Instant> keptSince, Instant startedAt, ImportReport.Builder report)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(keptSince.isPresent() ? MERGE_KEEPING : MERGE)) {
            int i = 0;
            if (keptSince.isPresent()) {
                Jdbc.setInstant(st, ++i, keptSince.get());
            }
            Jdbc.setInstant(st, ++i, startedAt);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long line = rs.getLong(1);
                    int outcome = rs.getInt(4);
                    if (line < 0) {
                        report.count(outcome, 0, 0);
                    } else if (outcome == UNKNOWN_CUSTOMER) {
                        report.reject(
                                line, "customerId", "no customer '" + rs.getString(3) + "'; import customers first");
                    } else if (outcome == WRITTEN_BY_THIS_IMPORT) {
                        report.reject(
                                line,
                                "orderId",
                                "duplicate: orderId '" + rs.getString(2)
                                        + "' was already imported from an earlier line of this file");
                    } else {
                        report.count(0, 0, 1);
                    }
                }
            }
        }
    }

    private static String merge(String keeping) {
        return """
            WITH resolved AS MATERIALIZED (
                -- Index look-ups in key order beat hashing the whole customers table for each batch.
                SELECT s.*, c.id AS customer_id
                FROM (SELECT * FROM import_orders ORDER BY customer_external_id) s
                LEFT JOIN LATERAL (SELECT id FROM customers c
                                   WHERE c.external_id = s.customer_external_id AND c.erased_at IS NULL LIMIT 1) c ON true),
            inserted AS (
                INSERT INTO orders (order_id, customer_id, total, order_amount, order_refunded, currency, rate, placed_at,
                                    coupon_code, status, refunded_total, items)
                SELECT order_id, customer_id, total, order_amount, order_refunded, currency, rate, placed_at, coupon_code,
                       status, refunded_total, items
                FROM resolved r WHERE customer_id IS NOT NULL AND status NOT IN ('pending', 'cancelled')
                  -- An order cancelled or not paid yet (V272) is known under its id too: stored before.
                  AND NOT EXISTS (SELECT 1 FROM orders_not_counted x WHERE x.order_id = r.order_id)
                ORDER BY order_id
                ON CONFLICT (order_id) DO NOTHING
                RETURNING id, order_id, customer_id, total, order_amount, placed_at, coupon_code),
            -- Orders that are no purchase (cancelled, not paid yet) are kept apart, as OrderChanges keeps them: they
            -- count nowhere, and a later record of the shop that makes them count moves them in.
            parked AS (
                INSERT INTO orders_not_counted (order_id, customer_id, total, order_amount, order_refunded, currency,
                                                rate, placed_at, coupon_code, status, refunded_total, items)
                SELECT order_id, customer_id, total, order_amount, order_refunded, currency, rate, placed_at, coupon_code,
                       status, refunded_total, items
                FROM resolved r WHERE customer_id IS NOT NULL AND status IN ('pending', 'cancelled')
                  AND NOT EXISTS (SELECT 1 FROM orders x WHERE x.order_id = r.order_id)
                ON CONFLICT (order_id) DO NOTHING
                RETURNING order_id),
            redeemed AS (%s RETURNING 1)%s
            SELECT -1 AS line, NULL AS order_id, NULL AS customer,
                   ((SELECT count(*) FROM inserted) + (SELECT count(*) FROM parked))::int AS outcome
            UNION ALL
            SELECT line, order_id, customer_external_id, %d FROM resolved WHERE customer_id IS NULL
            UNION ALL
            SELECT r.line, r.order_id, NULL,
                   -- Rows that did not insert are few: look each up by index rather than join all orders.
                   CASE WHEN coalesce((SELECT o.created_at FROM orders o WHERE o.order_id = r.order_id),
                                      (SELECT x.created_at FROM orders_not_counted x WHERE x.order_id = r.order_id)) >= ?
                        THEN %d ELSE %d END
            FROM resolved r
            WHERE r.customer_id IS NOT NULL AND r.order_id NOT IN (SELECT order_id FROM inserted)
              AND r.order_id NOT IN (SELECT order_id FROM parked)
            """.formatted(
                        CouponRedemptions.ATTRIBUTE.formatted("SELECT * FROM inserted"),
                        keeping,
                        UNKNOWN_CUSTOMER,
                        WRITTEN_BY_THIS_IMPORT,
                        STORED_BEFORE);
    }
}
