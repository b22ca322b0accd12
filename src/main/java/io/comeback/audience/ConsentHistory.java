package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the consent ledger: one person's history, or every change in a period as CSV for audits. */
@ApplicationScoped
public class ConsentHistory {

    public record Change(
            String change, String status, String source, String text, String keyword, Instant at, Instant recordedAt) {}

    private final AgroalDataSource dataSource;
    private final PhoneHash hashes;

    public ConsentHistory(AgroalDataSource dataSource, PhoneHash hashes) {
        this.dataSource = dataSource;
        this.hashes = hashes;
    }

    /**
     * Changes recorded for this customer or, with no customer, for their number (a STOP before they were a
     * customer, {@link PhoneSuppressions}); oldest first. Another customer's changes are never shown, even
     * when that customer had the same number before.
     */
    public List<Change> of(long customerId, String phone) {
        List<Change> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                     SELECT change, status, source, text, keyword, at, recorded_at FROM consent_events
                     WHERE customer_id = ? OR (customer_id IS NULL AND phone_hash = ?)
                     ORDER BY at, id""")) {
            st.setLong(1, customerId);
            st.setBytes(2, phone == null ? null : hashes.of(phone));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Jdbc.getInstant(rs, 6),
                            Jdbc.getInstant(rs, 7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return changes;
    }

    /** Streams every change recorded in [from, to) as CSV, without holding the period in memory. */
    public void exportCsv(Instant from, Instant to, Writer out, CsvDialect dialect) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor, not the whole result at once
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT e.recorded_at, e.at, e.phone, cu.external_id, e.change, e.status, e.source, e.text, e.keyword
                    FROM consent_events e LEFT JOIN customers cu ON cu.id = e.customer_id
                    WHERE e.recorded_at >= ? AND e.recorded_at < ? ORDER BY e.recorded_at, e.id""")) {
                st.setFetchSize(1000);
                Jdbc.setInstant(st, 1, from);
                Jdbc.setInstant(st, 2, to);
                out.write(dialect.start());
                out.write(dialect.row(
                        "recordedAt", "at", "phone", "customerId", "change", "status", "source", "text", "keyword"));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        // Consent texts, sources and keywords come from shops and phones: a cell never reaches a
                        // spreadsheet as a formula (CsvCells).
                        out.write(dialect.row(
                                Jdbc.getInstant(rs, 1),
                                Jdbc.getInstant(rs, 2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            out.flush();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
