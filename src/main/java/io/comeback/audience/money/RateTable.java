package io.comeback.audience.money;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code exchange_rates} table: the rates the operator keeps through the API. */
@ApplicationScoped
public class RateTable {

    /** A stored rate, who set it and when. */
    public record Row(String currency, BigDecimal rate, Instant updatedAt, String updatedBy) {}

    private final AgroalDataSource dataSource;

    public RateTable(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT currency, rate, updated_at, updated_by FROM exchange_rates ORDER BY currency");
                ResultSet r = s.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new Row(
                        r.getString(1), r.getBigDecimal(2), r.getTimestamp(3).toInstant(), r.getString(4)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read exchange_rates", e);
        }
    }

    /** Sets every rate given in one transaction: all of them or, on any failure, none. */
    void put(Map<String, BigDecimal> rates, Instant at, String by) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO exchange_rates (currency, rate, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (currency) DO UPDATE SET rate = EXCLUDED.rate,"
                            + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")) {
                for (Map.Entry<String, BigDecimal> e : rates.entrySet()) {
                    s.setString(1, e.getKey());
                    s.setBigDecimal(2, e.getValue());
                    s.setTimestamp(3, Timestamp.from(at));
                    s.setString(4, by);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store exchange rates", e);
        }
    }

    /** @return whether there was a row to delete */
    boolean delete(String currency) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM exchange_rates WHERE currency = ?")) {
            s.setString(1, currency);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete an exchange rate", e);
        }
    }
}
