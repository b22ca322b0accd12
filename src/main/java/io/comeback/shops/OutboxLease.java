package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
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
 * The lease both shop outboxes work by — the codes to create at the shop ({@link ShopCodeStore}) and the deliveries
 * to apply ({@link ShopWebhookStore}): due rows are taken with SKIP LOCKED, so workers of every process share them,
 * and leased by moving their next attempt past the lease, so a dead process's rows are taken again after it; then
 * each is tried again later or given up. The two tables name their columns differently; the statements are the same.
 */
final class OutboxLease {

    /** Where an outbox keeps its state: its table and the names of its state columns. */
    record Table(String name, String status, String attempts, String nextAttemptAt, String error) {

        private String fill(String template) {
            return template.replace("{table}", name)
                    .replace("{status}", status)
                    .replace("{attempts}", attempts)
                    .replace("{next}", nextAttemptAt)
                    .replace("{error}", error);
        }
    }

    /** Reads one taken row (the columns asked for in the constructor, in that order). */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    // In the order they fell due, as far as their retries allow.
    private static final String TAKE = """
            UPDATE {table} o SET {attempts} = o.{attempts} + 1, {next} = ?
            WHERE o.id = ANY(ARRAY(SELECT id FROM {table} WHERE {status} = 'pending' AND {next} <= ?
                                   ORDER BY {next}, id LIMIT ? FOR UPDATE SKIP LOCKED))
            RETURNING %s""";
    private static final String RETRY = """
            UPDATE {table} SET {next} = ?, {error} = ? WHERE id = ? AND {status} = 'pending'""";
    private static final String GIVE_UP = """
            UPDATE {table} SET {status} = 'failed', {next} = NULL, {error} = ? WHERE id = ? AND {status} = 'pending'""";

    private final AgroalDataSource dataSource;
    private final String what;
    private final String take;
    private final String retry;
    private final String giveUp;

    /**
     * @param what      the rows, plural, for errors ("shop webhook deliveries")
     * @param returning the columns a taken row is read from ("id, topic")
     */
    OutboxLease(AgroalDataSource dataSource, Table table, String what, String returning) {
        this.dataSource = dataSource;
        this.what = what;
        this.take = table.fill(TAKE).formatted(returning);
        this.retry = table.fill(RETRY);
        this.giveUp = table.fill(GIVE_UP);
    }

    /** Takes up to {@code limit} due rows, leased until {@code now + lease}; each counts as one more attempt. */
    <T> List<T> take(Instant now, Duration lease, int limit, Row<T> row) {
        List<T> taken = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(take)) {
            Jdbc.setInstant(st, 1, now.plus(lease));
            Jdbc.setInstant(st, 2, now);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    taken.add(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take " + what, e);
        }
        return taken;
    }

    /** Still pending, tried again at {@code at}; {@code error} says why the last attempt failed. */
    void retryAt(long id, Instant at, String error) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(retry)) {
            Jdbc.setInstant(st, 1, at);
            st.setString(2, error);
            st.setLong(3, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record when to try one of the " + what + " again", e);
        }
    }

    /** Given up ({@code failed}), on the caller's connection: what else giving up changes goes with it. */
    void giveUp(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(giveUp)) {
            st.setString(1, error);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }
}
