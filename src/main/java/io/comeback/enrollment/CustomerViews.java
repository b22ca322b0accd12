package io.comeback.enrollment;

import io.comeback.audience.rfm.RfmModel;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.run.CustomerFacts;
import io.comeback.engine.run.CustomerView;
import io.comeback.support.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads what the interpreter may know about customers, many at once (one query per batch). An erased
 * customer is not there: nothing may be sent to them or started for them.
 */
public final class CustomerViews {

    private static final String SELECT = """
            SELECT id, external_id, first_name, last_name, email, phone, locale, time_zone, attributes::text,
                   tags, consent_status, comeback_rfm_scores(last_order_at, orders_count, total_spent, ?), birthday,
                   orders_count, first_order_at, last_order_at, total_spent, median_gap_seconds, favourite_category,
                   last_product
            FROM customers WHERE id = ANY (?) AND erased_at IS NULL
            """;

    private CustomerViews() {}

    /** @param asOf the instant RFM recency is judged at (the decision's "now") */
    public static Map<Long, CustomerView> load(Connection connection, Collection<Long> ids, Instant asOf)
            throws SQLException {
        Map<Long, CustomerView> views = new HashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        try (PreparedStatement st = connection.prepareStatement(SELECT)) {
            Jdbc.setInstant(st, 1, asOf);
            st.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    views.put(rs.getLong(1), view(rs));
                }
            }
        }
        return views;
    }

    public static Optional<CustomerView> load(Connection connection, long id, Instant asOf) throws SQLException {
        return Optional.ofNullable(load(connection, java.util.List.of(id), asOf).get(id));
    }

    private static CustomerView view(ResultSet rs) throws SQLException {
        Map<String, String> attributes = new LinkedHashMap<>();
        StateCodec.readObjectMap(rs.getString(9)).forEach((k, v) -> {
            if (v != null) {
                attributes.put(k, String.valueOf(v));
            }
        });
        // The customer's birthday field is what flows read as the attribute `birthday` (ConditionSql does the same).
        java.sql.Date birthday = rs.getDate(13);
        if (birthday != null) {
            attributes.put(
                    io.comeback.engine.model.DateField.BIRTHDAY,
                    birthday.toLocalDate().toString());
        }
        Array tags = rs.getArray(10);
        Set<String> tagSet =
                tags == null ? Set.of() : new java.util.HashSet<>(java.util.Arrays.asList((String[]) tags.getArray()));
        return new CustomerView(
                Long.toString(rs.getLong(1)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                zone(rs.getString(8)),
                attributes,
                tagSet,
                ConsentStatus.fromYaml(rs.getString(11)).orElse(ConsentStatus.UNKNOWN),
                RfmModel.scores(rs.getArray(12)),
                facts(rs));
    }

    /** {@code customer.facts.*} as kept on the row (migration V190 and the order fold); the engine renders them. */
    private static CustomerFacts facts(ResultSet rs) throws SQLException {
        long gap = rs.getLong(18);
        Duration medianGap = rs.wasNull() ? null : Duration.ofSeconds(gap);
        return new CustomerFacts(
                rs.getInt(14),
                Jdbc.getInstant(rs, 15),
                Jdbc.getInstant(rs, 16),
                rs.getBigDecimal(17),
                medianGap,
                rs.getString(19),
                rs.getString(20));
    }

    /** The customer's zone; UTC when unset or unknown. */
    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
