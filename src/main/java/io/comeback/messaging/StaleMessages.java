package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages the provider took but whose status has not moved for a while ({@code queued},
 * {@code sending}, {@code sent}): a receipt may have been lost (a webhook that never arrived, a
 * callback lost in a database crash). Reconciliation fetches their status from the provider.
 */
@ApplicationScoped
public class StaleMessages {

    /** One message to ask the provider about. */
    public record Stale(long id, String providerMessageId, String to) {}

    private final AgroalDataSource dataSource;

    public StaleMessages(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Messages unchanged (and not asked about) for {@code staleAfter}, oldest first; those dispatched
     * longer than {@code giveUpAfter} ago are left alone, as the provider stops reporting on them.
     */
    public List<Stale> due(Instant now, Duration staleAfter, Duration giveUpAfter, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT id, provider_message_id, to_phone FROM outbound_messages
                WHERE status IN ('queued', 'sending', 'sent') AND provider_message_id IS NOT NULL
                  AND coalesce(status_checked_at, status_at) < ? AND dispatched_at > ?
                ORDER BY coalesce(status_checked_at, status_at) LIMIT ?""")) {
            Jdbc.setInstant(st, 1, now.minus(staleAfter));
            Jdbc.setInstant(st, 2, now.minus(giveUpAfter));
            st.setInt(3, limit);
            List<Stale> stale = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stale.add(new Stale(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return stale;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list stale messages", e);
        }
    }

    /** Remembers that these were asked about, so the next question waits another period. */
    public void checked(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("UPDATE outbound_messages SET status_checked_at = ? WHERE id = ANY(?)")) {
            Jdbc.setInstant(st, 1, at);
            st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark " + ids.size() + " messages checked", e);
        }
    }
}
