package io.comeback.reports;

import io.comeback.support.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Clicked, attributed orders and revenue, and opted out, computed from the raw rows by probing the
 * history of everyone the flow reached: its cost grows with that number. Used only for a flow whose
 * attribution window is longer than {@link ReportFacts#SPAN_BOUND}, which the attribution tables do not
 * cover; {@link Touches} gives the same figures otherwise.
 */
final class ScannedAttribution {

    /**
     * Texts are delivered within days of their ledger row (a frequency cap delays by at most P3D, a
     * provider gives up after its validity period), so a text delivered in a period was created at most
     * this long before it. It bounds the scan of the BRIN index on created_at.
     */
    static final Duration DELIVERY_SLACK = Duration.ofDays(7);

    /*
     * Touches: F's delivered texts that can still attribute something in the period (up to two windows
     * back: text, click within a window, order within a window of the click), and the people who got them. Last touch: for each click or order of those people in the period, the latest text
     * delivered to them before it, from any flow, must be F's. A click within F's window after that text
     * is F's click and restarts the window; an order within the window of the later of the two is F's.
     * Parameters: 1 window seconds, 2 F, 3 created from, 4 to, 5 delivered from, 6 from, 7 to, 8 from, 9 to,
     * 10 from, 11 to, 12 F, 13 from, 14 to.
     */
    private static final String ATTRIBUTION = """
            WITH w AS (SELECT make_interval(secs => CAST(? AS double precision)) AS span, CAST(? AS text) AS flow),
            f_texts AS (
                SELECT m.customer_id, m.status_at AS at FROM outbound_messages m, w
                WHERE m.created_at >= ? AND m.created_at < ? AND m.flow_id = w.flow AND m.status = 'delivered'
                  AND m.status_at >= ? AND m.status_at < ? AND m.customer_id IS NOT NULL
            ),
            reached AS (SELECT DISTINCT customer_id FROM f_texts),
            clicks AS (
                SELECT ev.customer_id, ev.at, t.flow_id, t.at AS text_at
                FROM reached r
                JOIN engagement_events ev ON ev.customer_id = r.customer_id AND ev.type = 'link_click'
                     AND ev.at >= ? AND ev.at < ?
                CROSS JOIN LATERAL (
                    SELECT m.flow_id, m.status_at AS at FROM outbound_messages m
                    WHERE m.customer_id = ev.customer_id AND m.status = 'delivered' AND m.status_at <= ev.at
                    ORDER BY m.status_at DESC LIMIT 1) t
            ),
            orders_touched AS (
                SELECT o.id, o.total, o.placed_at, t.flow_id, t.at AS text_at,
                       (SELECT max(ev.at) FROM engagement_events ev, w
                        WHERE ev.customer_id = o.customer_id AND ev.type = 'link_click'
                          AND ev.at >= t.at AND ev.at <= o.placed_at AND ev.at <= t.at + w.span) AS click_at
                FROM reached r
                JOIN orders o ON o.customer_id = r.customer_id AND o.placed_at >= ? AND o.placed_at < ?
                CROSS JOIN LATERAL (
                    SELECT m.flow_id, m.status_at AS at FROM outbound_messages m
                    WHERE m.customer_id = o.customer_id AND m.status = 'delivered' AND m.status_at <= o.placed_at
                    ORDER BY m.status_at DESC LIMIT 1) t
            ),
            opted_out AS (
                SELECT ce.customer_id FROM reached r
                JOIN consent_events ce ON ce.customer_id = r.customer_id
                CROSS JOIN w
                WHERE ce.change = 'opt_out' AND ce.at >= ? AND ce.at < ?
                  AND EXISTS (SELECT 1 FROM f_texts t WHERE t.customer_id = ce.customer_id
                              AND t.at <= ce.at AND ce.at <= t.at + w.span)
                UNION
                SELECT customer_id FROM enrollments, w
                WHERE flow_id = w.flow AND exit_reason = 'opted_out' AND exited_at >= ? AND exited_at < ?
            )
            SELECT (SELECT count(*) FROM clicks, w WHERE clicks.flow_id = w.flow AND clicks.at <= clicks.text_at + w.span),
                   (SELECT count(*) FROM orders_touched o, w
                    WHERE o.flow_id = w.flow AND o.placed_at <= greatest(o.text_at, o.click_at) + w.span),
                   (SELECT coalesce(sum(o.total), 0) FROM orders_touched o, w
                    WHERE o.flow_id = w.flow AND o.placed_at <= greatest(o.text_at, o.click_at) + w.span),
                   (SELECT count(*) FROM opted_out)
            """;

    private ScannedAttribution() {}

    static Touches run(Connection c, String flowId, Instant from, Instant to, Duration window) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(ATTRIBUTION)) {
            int i = 0;
            st.setDouble(++i, window.toSeconds());
            st.setString(++i, flowId);
            // A text two windows back still counts: its click (within one window) restarts the window.
            Instant earliestTouch = from.minus(window.multipliedBy(2));
            Jdbc.setInstant(st, ++i, earliestTouch.minus(DELIVERY_SLACK));
            Jdbc.setInstant(st, ++i, to);
            Jdbc.setInstant(st, ++i, earliestTouch);
            Jdbc.setInstant(st, ++i, to);
            for (int pair = 0; pair < 4; pair++) {
                Jdbc.setInstant(st, ++i, from);
                Jdbc.setInstant(st, ++i, to);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                BigDecimal revenue = rs.getBigDecimal(3);
                return new Touches(rs.getLong(1), rs.getLong(2), revenue, rs.getLong(4));
            }
        }
    }
}
