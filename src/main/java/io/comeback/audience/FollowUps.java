package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow-up list: customers a flow tagged {@value #TAG} for a person to contact (the feedback flow tags
 * detractors). Marking one handled removes the tag and records who and when; a flow may tag them again later.
 */
@ApplicationScoped
public class FollowUps {

    public static final String TAG = "needs_follow_up";

    /**
     * A customer waiting for a person.
     *
     * @param npsScore their latest NPS answer (null if none), with {@code npsAt}
     */
    public record Waiting(
            long id,
            String externalId,
            String name,
            String phone,
            String consentStatus,
            Integer npsScore,
            Instant npsAt,
            Instant updatedAt) {}

    /** A follow-up someone handled. */
    public record Handled(String tag, String handledBy, Instant handledAt) {}

    // The partial index customers_needs_follow_up_idx (V250) holds exactly these rows.
    private static final String WAITING = """
            SELECT c.id, c.external_id, nullif(trim(concat_ws(' ', c.first_name, c.last_name)), ''), c.phone,
                   c.consent_status, nps.score, nps.answered_at, c.updated_at
            FROM customers c
            LEFT JOIN LATERAL (
                SELECT score, answered_at FROM survey_responses s WHERE s.customer_id = c.id
                ORDER BY answered_at DESC, id DESC LIMIT 1) nps ON true
            WHERE 'needs_follow_up' = ANY (c.tags) AND c.erased_at IS NULL
            ORDER BY nps.answered_at DESC NULLS LAST, c.id DESC
            LIMIT ?""";
    private static final String HANDLE = """
            WITH untagged AS (
                UPDATE customers SET tags = array_remove(tags, ?), updated_at = now()
                WHERE id = ? AND ? = ANY (tags) RETURNING id)
            INSERT INTO follow_ups_handled (customer_id, tag, handled_by, handled_at)
            SELECT id, ?, ?, ? FROM untagged""";

    private final AgroalDataSource dataSource;

    public FollowUps(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Latest NPS answer first. */
    public List<Waiting> waiting(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(WAITING)) {
            st.setInt(1, limit);
            List<Waiting> found = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(new Waiting(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            (Integer) rs.getObject(6, Integer.class),
                            Jdbc.getInstant(rs, 7),
                            Jdbc.getInstant(rs, 8)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the follow-up list", e);
        }
    }

    /** Removes the tag and records who; false when the customer was not tagged (handled already). */
    public boolean handled(long customerId, String by, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(HANDLE)) {
            st.setString(1, TAG);
            st.setLong(2, customerId);
            st.setString(3, TAG);
            st.setString(4, TAG);
            st.setString(5, by);
            Jdbc.setInstant(st, 6, at);
            return st.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark the follow-up of customer " + customerId + " handled", e);
        }
    }

    /** Every follow-up of the customer someone handled, newest first. */
    public List<Handled> history(long customerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT tag, handled_by, handled_at FROM follow_ups_handled WHERE customer_id = ?
                        ORDER BY handled_at DESC, id DESC""")) {
            st.setLong(1, customerId);
            List<Handled> found = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(new Handled(rs.getString(1), rs.getString(2), Jdbc.getInstant(rs, 3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the follow-ups of customer " + customerId, e);
        }
    }
}
