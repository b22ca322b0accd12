package io.comeback.audience.inactivity;

import io.comeback.support.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One customer the detector's SQL found lapsed, with the facts that explain it. The lapse instants
 * are computed in SQL ({@link InactivitySql}); nothing here re-derives a window.
 *
 * @param basis            {@code personal_rhythm}, {@code fixed_window}, or null without a purchase rule
 * @param purchaseLapsedAt when the purchase window ran out (null without a purchase rule)
 * @param engagedLapsedAt  when the engagement window ran out; null when the customer never engaged
 *                         or there is no engagement rule
 */
public record LapseRow(
        long customerId,
        String externalId,
        String basis,
        Instant lastOrderAt,
        Long medianGapSeconds,
        Instant purchaseLapsedAt,
        Instant lastEngagedAt,
        Instant engagedLapsedAt,
        int unansweredMessages) {

    /** Columns {@link InactivitySql#matching} selects, in this order. */
    static final String COLUMNS = "id, external_id, basis, last_order_at, median_gap_seconds, purchase_lapsed_at, "
            + "last_engaged_at, engaged_lapsed_at, unanswered_messages";

    static LapseRow read(ResultSet rs) throws SQLException {
        long gap = rs.getLong(5);
        Long medianGap = rs.wasNull() ? null : gap;
        return new LapseRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                Jdbc.getInstant(rs, 4),
                medianGap,
                Jdbc.getInstant(rs, 6),
                Jdbc.getInstant(rs, 7),
                Jdbc.getInstant(rs, 8),
                rs.getInt(9));
    }
}
