package io.comeback.audience.imports;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders an order import keeps aside for {@code order_placed} flows ({@code order_import_triggers}, V200): written
 * by each batch in its transaction, entered into their flows when the import's facts are folded
 * ({@link OrderFactFolds#finish}), removed with the import's {@code order_fact_folds} row.
 */
final class OrderTriggerStore {

    /** Orders handed to the flows at a time: bounds the memory and the arrays of one entry round, not the work. */
    private static final int CHUNK = 5_000;

    private static final String KEEP = """
            INSERT INTO order_import_triggers (fold_id, order_ref)
            SELECT ?, id FROM import_stored_orders WHERE placed_at >= ? ON CONFLICT DO NOTHING""";

    // Erased customers are left out; a customer's orders in the order they were placed, so the first one enters (a
    // later one, in the same chunk or the next, finds the enrollment it started, as the API's next order would).
    private static final String KEPT = """
            SELECT o.customer_id, o.order_id, o.order_amount - o.order_refunded, o.coupon_code, o.placed_at, c.time_zone
            FROM order_import_triggers t JOIN orders o ON o.id = t.order_ref
            JOIN customers c ON c.id = o.customer_id AND c.erased_at IS NULL
            WHERE t.fold_id = ?
            ORDER BY o.customer_id, o.placed_at, o.id""";

    private OrderTriggerStore() {}

    /** Keeps aside the orders of the batch just stored ({@code import_stored_orders}) placed at or after {@code oldest}. */
    static void keepAside(Connection c, long foldId, Instant oldest) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(KEEP)) {
            st.setLong(1, foldId);
            Jdbc.setInstant(st, 2, oldest);
            st.executeUpdate();
        }
    }

    /**
     * Hands the orders import {@code foldId} kept aside to the flows, chunk by chunk through a cursor (a file of
     * recent orders may keep a million); returns what they started. In the caller's transaction.
     */
    static Map<String, FlowTally> enter(Connection c, long foldId, ImportFollowUp followUp) throws SQLException {
        Map<String, FlowTally> tallies = new HashMap<>();
        // One count per import across its chunks: a file of recent orders that starts more than the approval
        // threshold in one flow waits for approval, however the chunks cut it.
        ImportFollowUp oneImport = followUp.forImport("order import");
        try (Statement st = c.createStatement()) {
            st.execute("DECLARE import_kept_orders NO SCROLL CURSOR FOR " + KEPT.replace("?", Long.toString(foldId)));
        }
        try (PreparedStatement fetch = c.prepareStatement("FETCH " + CHUNK + " FROM import_kept_orders")) {
            while (true) {
                List<ImportFollowUp.ImportedOrder> chunk = new ArrayList<>(CHUNK);
                try (ResultSet rs = fetch.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(new ImportFollowUp.ImportedOrder(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getBigDecimal(3),
                                rs.getString(4),
                                Jdbc.getInstant(rs, 5),
                                rs.getString(6)));
                    }
                }
                if (chunk.isEmpty()) {
                    break;
                }
                oneImport.ordersPlaced(c, chunk).forEach((flow, t) -> tallies.merge(flow, t, FlowTally::plus));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CLOSE import_kept_orders");
        }
        return tallies;
    }
}
