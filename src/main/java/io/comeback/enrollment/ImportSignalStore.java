package io.comeback.enrollment;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The orders an import batch stored, handed to the running enrollments of their customers in one statement, as
 * {@link EnrollmentSignals} hands one order from the API: each queued as an {@code ordered} signal (the JSON
 * {@link SignalCodec} writes) and the enrollment made due now, so a wake-up worker applies it under the row's claim.
 */
final class ImportSignalStore {

    /** Running enrollments of one flow version that were told about imported orders. */
    record Signalled(String flowId, String flowVersion, long enrollments) {}

    // Enrollments not yet started (an order trigger's delay) ignore events, as with the API. An order placed more
    // than the window before the enrollment began is history to it. The enrollments are locked in id order before
    // they are updated: two lanes of one import may signal the same enrollment (orders of one customer in both).
    private static final String SIGNAL = """
            WITH stored AS (%s),
            targets AS MATERIALIZED (
                SELECT e.id, e.flow_id, e.flow_version, s.order_id, s.total, s.coupon_code, s.placed_at
                FROM stored s JOIN enrollments e ON e.customer_id = s.customer_id
                WHERE e.exited_at IS NULL AND e.status <> 'new' AND s.placed_at >= e.entered_at - make_interval(secs => ?)),
            locked AS (SELECT id FROM enrollments WHERE id IN (SELECT id FROM targets) ORDER BY id FOR UPDATE),
            queued AS (
                INSERT INTO enrollment_signals (enrollment_id, event)
                SELECT id, %s FROM targets ORDER BY id, placed_at, order_id),
            woken AS (
                UPDATE enrollments e SET next_wake_at = LEAST(coalesce(e.next_wake_at, ?), ?)
                FROM locked l WHERE e.id = l.id)
            SELECT flow_id, flow_version, count(DISTINCT id) FROM targets GROUP BY flow_id, flow_version
            """;

    private ImportSignalStore() {}

    /** When the earliest running enrollment began; empty when none runs. */
    static java.util.Optional<Instant> earliestRunningEntry(Connection c) throws SQLException {
        try (PreparedStatement st =
                        c.prepareStatement("SELECT min(entered_at) FROM enrollments WHERE exited_at IS NULL");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return java.util.Optional.ofNullable(Jdbc.getInstant(rs, 1));
        }
    }

    /**
     * @param storedOrders a SELECT of {@code customer_id, order_id, total, coupon_code, placed_at}
     * @param window       how long before an enrollment began an order may have been placed and still count
     */
    static List<Signalled> signalOrders(Connection c, String storedOrders, Duration window, Instant now)
            throws SQLException {
        List<Signalled> signalled = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(SIGNAL.formatted(
                storedOrders, SignalCodec.ORDERED_SQL.formatted("order_id", "total", "coupon_code")))) {
            st.setDouble(1, window.toMillis() / 1000.0);
            Jdbc.setInstant(st, 2, now);
            Jdbc.setInstant(st, 3, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    signalled.add(new Signalled(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return signalled;
    }
}
