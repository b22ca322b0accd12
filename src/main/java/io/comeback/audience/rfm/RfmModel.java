package io.comeback.audience.rfm;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.run.RfmScores;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RFM scores by quintile. {@link #recompute} takes the cut points from the whole ordering customer base
 * in one scan; scores are then derived on read (SQL function {@code comeback_rfm_scores}), so they are
 * as fresh as the customer's own facts and recency keeps ageing between recomputations.
 */
@ApplicationScoped
public class RfmModel {

    private static final String RECOMPUTE = """
            INSERT INTO rfm_boundaries AS b (id, recency_days, frequency, monetary, customers, computed_at)
            SELECT 1,
                   percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY comeback_days_since(last_order_at, ?)),
                   percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY orders_count::numeric),
                   percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY total_spent),
                   count(*), ?
            FROM customers
            WHERE erased_at IS NULL AND orders_count > 0 AND last_order_at IS NOT NULL
            HAVING count(*) > 0
            ON CONFLICT (id) DO UPDATE SET recency_days = excluded.recency_days, frequency = excluded.frequency,
                monetary = excluded.monetary, customers = excluded.customers, computed_at = excluded.computed_at
            RETURNING recency_days, frequency, monetary, customers, computed_at
            """;

    private final AgroalDataSource dataSource;

    public RfmModel(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes new cut points from today's customers; empty when nobody has ordered yet (scores stay as they were). */
    public Optional<RfmBoundaries> recompute(Instant asOf) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(RECOMPUTE)) {
            Jdbc.setInstant(st, 1, asOf);
            Jdbc.setInstant(st, 2, asOf);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(boundaries(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recompute RFM boundaries", e);
        }
    }

    public Optional<RfmBoundaries> current() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT recency_days, frequency, monetary, customers, computed_at FROM rfm_boundaries")) {
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(boundaries(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read RFM boundaries", e);
        }
    }

    /** The scores of a customer (internal id) as of an instant; empty if they never ordered or nothing is computed yet. */
    public Optional<RfmScores> scores(long customerId, Instant asOf) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT comeback_rfm_scores(last_order_at, orders_count, total_spent, ?) FROM customers WHERE id = ?")) {
            Jdbc.setInstant(st, 1, asOf);
            st.setLong(2, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(scores(rs.getArray(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the RFM scores of customer " + customerId, e);
        }
    }

    /** {recency, frequency, monetary} as {@code comeback_rfm_scores} returns it; null stays null. */
    public static RfmScores scores(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        return new RfmScores(
                ((Number) values[0]).intValue(), ((Number) values[1]).intValue(), ((Number) values[2]).intValue());
    }

    private static RfmBoundaries boundaries(ResultSet rs) throws SQLException {
        return new RfmBoundaries(
                decimals(rs.getArray(1)),
                decimals(rs.getArray(2)),
                decimals(rs.getArray(3)),
                rs.getLong(4),
                Jdbc.getInstant(rs, 5));
    }

    private static List<BigDecimal> decimals(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray())
                .map(v -> (BigDecimal) v)
                .toList();
    }
}
