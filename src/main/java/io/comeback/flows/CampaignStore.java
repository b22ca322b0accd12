package io.comeback.flows;

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
import java.util.Optional;

/**
 * The {@code campaigns} rows (V276): each campaign's text as written and where its lifecycle stands. What the
 * campaign has done is read from its flow's enrollments and ledger rows, not kept here.
 */
@ApplicationScoped
public class CampaignStore {

    /** A campaign row; {@code state} is the stored one (draft, started, paused, cancelled). */
    public record Row(
            String id,
            String source,
            String version,
            String name,
            String state,
            Instant changedAt,
            String changedBy,
            Instant startedAt,
            Instant firstSendAt,
            Instant lastSendAt,
            Instant decideAt,
            String winner,
            Instant decidedAt) {}

    private static final String COLUMNS = """
            id, source, version, name, state, changed_at, changed_by, started_at, first_send_at, last_send_at,
            decide_at, winner, decided_at""";
    private static final String UPSERT_DRAFT = """
            INSERT INTO campaigns (id, source, version, name, state, changed_at, changed_by)
            VALUES (?, ?, ?, ?, 'draft', ?, ?)
            ON CONFLICT (id) DO UPDATE SET source = excluded.source, version = excluded.version, name = excluded.name,
                changed_at = excluded.changed_at, changed_by = excluded.changed_by
            WHERE campaigns.state = 'draft'""";

    private final AgroalDataSource dataSource;

    public CampaignStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the text of a campaign that has not started.
     *
     * @return false when the campaign has started (its text can no longer change)
     */
    public boolean saveDraft(String id, String source, String version, String name, String by, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(UPSERT_DRAFT)) {
            st.setString(1, id);
            st.setString(2, source);
            st.setString(3, version);
            st.setString(4, name);
            Jdbc.setInstant(st, 5, now);
            st.setString(6, by);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store campaign " + id, e);
        }
    }

    public Optional<Row> find(String id) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read campaign " + id, e);
        }
    }

    /** The row, locked until the caller's transaction ends when {@code lock}: one lifecycle change at a time. */
    public static Optional<Row> find(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM campaigns WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public List<Row> all() {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM campaigns ORDER BY id");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the campaigns", e);
        }
    }

    /** Campaigns started and not cancelled (paused ones too: a keyword entry is an answer, not a send). */
    public List<Row> running() {
        return all().stream()
                .filter(r -> r.state().equals("started") || r.state().equals("paused"))
                .toList();
    }

    /** Started A/B campaigns whose winner is due and not chosen, not paused or cancelled. */
    public List<String> decisionsDue(Instant now) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        SELECT id FROM campaigns WHERE state = 'started' AND decide_at <= ? AND decided_at IS NULL
                        ORDER BY decide_at""")) {
            Jdbc.setInstant(st, 1, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the campaigns due for a decision", e);
        }
    }

    public static void setState(Connection c, String id, String state, String by, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE campaigns SET state = ?, changed_by = ?, changed_at = ?,
                    cancelled_at = CASE WHEN ? = 'cancelled' THEN ? ELSE cancelled_at END
                WHERE id = ?""")) {
            st.setString(1, state);
            st.setString(2, by);
            Jdbc.setInstant(st, 3, now);
            st.setString(4, state);
            Jdbc.setInstant(st, 5, now);
            st.setString(6, id);
            st.executeUpdate();
        }
    }

    /** Marks the campaign started with its first wave's text times and, for an A/B test, when to decide. */
    public static void started(
            Connection c, String id, String by, Instant now, Instant first, Instant last, Instant decideAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE campaigns SET state = 'started', changed_by = ?, changed_at = ?, started_at = ?,
                    first_send_at = ?, last_send_at = ?, decide_at = ?
                WHERE id = ?""")) {
            st.setString(1, by);
            Jdbc.setInstant(st, 2, now);
            Jdbc.setInstant(st, 3, now);
            Jdbc.setInstant(st, 4, first);
            Jdbc.setInstant(st, 5, last);
            Jdbc.setInstant(st, 6, decideAt);
            st.setString(7, id);
            st.executeUpdate();
        }
    }

    public static void decided(Connection c, String id, String winner, Instant now) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("UPDATE campaigns SET winner = ?, decided_at = ? WHERE id = ?")) {
            st.setString(1, winner);
            Jdbc.setInstant(st, 2, now);
            st.setString(3, id);
            st.executeUpdate();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Jdbc.getInstant(rs, 6),
                rs.getString(7),
                Jdbc.getInstant(rs, 8),
                Jdbc.getInstant(rs, 9),
                Jdbc.getInstant(rs, 10),
                Jdbc.getInstant(rs, 11),
                rs.getString(12),
                Jdbc.getInstant(rs, 13));
    }
}
