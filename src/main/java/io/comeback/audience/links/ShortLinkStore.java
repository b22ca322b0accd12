package io.comeback.audience.links;

import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code short_links} table, in the caller's transaction. */
public final class ShortLinkStore {

    /** A link as the redirect needs it. {@code customerId} is null once the person is erased. */
    public record Found(
            String code,
            String target,
            Long customerId,
            String flowId,
            String campaignId,
            String stepId,
            String linkName) {}

    // A code names one link: a text rendered again writes the same row, which is kept.
    private static final String INSERT = """
            INSERT INTO short_links (code, customer_id, flow_id, campaign_id, enrollment_id, send_key, step_id,
                link_name, target, created_at)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(CAST(? AS text[]) AS timestamptz[]))
            ON CONFLICT (code) DO NOTHING""";

    private static final String FIND = """
            SELECT code, target, customer_id, flow_id, campaign_id, step_id, link_name FROM short_links WHERE code = ?""";

    // The first click of a living person, once: the row's update decides between two clicks at the same moment.
    private static final String CLAIM_CLICK = """
            UPDATE short_links l SET clicked_at = ?
            FROM customers c
            WHERE l.code = ? AND l.clicked_at IS NULL AND c.id = l.customer_id AND c.erased_at IS NULL
            RETURNING l.customer_id""";

    private static final String CLICK_EVENT = "UPDATE short_links SET click_event_id = ? WHERE code = ?";

    private ShortLinkStore() {}

    public static void insert(Connection c, List<ShortLinkRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            int i = 0;
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::code));
            st.setArray(++i, SqlArrays.longs(c, rows, ShortLinkRow::customerId));
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::flowId));
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::campaignId));
            st.setArray(++i, SqlArrays.longs(c, rows, ShortLinkRow::enrollmentId));
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::sendKey));
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::stepId));
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::linkName));
            st.setArray(++i, SqlArrays.texts(c, rows, ShortLinkRow::target));
            st.setArray(++i, SqlArrays.instants(c, rows, ShortLinkRow::createdAt));
            st.executeUpdate();
        }
    }

    public static Optional<Found> find(Connection c, String code) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(FIND)) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long customer = rs.getLong(3);
                return Optional.of(new Found(
                        rs.getString(1),
                        rs.getString(2),
                        rs.wasNull() ? null : customer,
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
            }
        }
    }

    /** True when this is the link's first click by its (living) recipient; marks it clicked at {@code at}. */
    static boolean claimFirstClick(Connection c, String code, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(CLAIM_CLICK)) {
            Jdbc.setInstant(st, 1, at);
            st.setString(2, code);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void clickEvent(Connection c, String code, long eventId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(CLICK_EVENT)) {
            st.setLong(1, eventId);
            st.setString(2, code);
            st.executeUpdate();
        }
    }
}
