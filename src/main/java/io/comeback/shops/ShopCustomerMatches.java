package io.comeback.shops;

import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ShopCustomers}' look-up for many shop customers at once (a backfill from a shop's export): each is found by
 * the shop's id (a link remembered from before), then by phone, then by e-mail (any case), then under the external
 * id a customer first seen through the shop gets, in one statement per batch instead of four per person.
 */
public final class ShopCustomerMatches {

    /** Whom to look for; any field may be null. {@code phone} in E.164. */
    public record Probe(String shopId, String phone, String email, String newExternalId) {}

    /** The customer found, as stored, and who holds the probe's number (null: nobody; maybe someone else). */
    public record Found(
            long id,
            String externalId,
            String phone,
            String firstName,
            String lastName,
            String email,
            String consentStatus,
            Long phoneOwner) {}

    private static final String FIND = """
            SELECT p.i, c.id, c.external_id, c.phone, c.first_name, c.last_name, c.email, c.consent_status,
                   (SELECT o.id FROM customers o WHERE o.phone = p.phone AND o.erased_at IS NULL LIMIT 1)
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                 WITH ORDINALITY p(shop_id, phone, email, new_external_id, i)
            -- Each way is an index probe; the first that finds someone living wins, in the webhooks' order.
            CROSS JOIN LATERAL (
                SELECT m.id FROM (
                    SELECT l.customer_id AS id, 1 AS rank FROM shop_customer_links l
                    WHERE l.platform = ? AND l.shop_customer_id = p.shop_id
                    UNION ALL
                    SELECT c.id, 2 FROM customers c WHERE c.phone = p.phone AND c.erased_at IS NULL
                    UNION ALL
                    SELECT c.id, 3 FROM customers c
                    WHERE lower(c.email) = lower(p.email) AND c.erased_at IS NULL AND c.email IS NOT NULL
                    UNION ALL
                    SELECT c.id, 4 FROM customers c WHERE c.external_id = p.new_external_id AND c.erased_at IS NULL
                ) m JOIN customers l ON l.id = m.id AND l.erased_at IS NULL
                ORDER BY m.rank, m.id LIMIT 1) f
            JOIN customers c ON c.id = f.id""";

    private static final String REMEMBER = """
            INSERT INTO shop_customer_links (platform, shop_customer_id, customer_id)
            SELECT ?, s, c FROM unnest(CAST(? AS text[]), CAST(? AS bigint[])) t(s, c)
            ON CONFLICT (platform, shop_customer_id) DO UPDATE SET customer_id = excluded.customer_id""";

    private ShopCustomerMatches() {}

    /** The customer each probe is, in the probes' order; empty where nobody is found. */
    public static List<Optional<Found>> find(Connection c, ShopPlatform platform, List<Probe> probes)
            throws SQLException {
        List<Optional<Found>> found = new ArrayList<>(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            found.add(Optional.empty());
        }
        if (probes.isEmpty()) {
            return found;
        }
        try (PreparedStatement st = c.prepareStatement(FIND)) {
            st.setArray(1, SqlArrays.texts(c, probes, Probe::shopId));
            st.setArray(2, SqlArrays.texts(c, probes, Probe::phone));
            st.setArray(3, SqlArrays.texts(c, probes, Probe::email));
            st.setArray(4, SqlArrays.texts(c, probes, Probe::newExternalId));
            st.setString(5, platform.wire());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long owner = rs.getLong(9);
                    found.set(
                            rs.getInt(1) - 1,
                            Optional.of(new Found(
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.wasNull() ? null : owner)));
                }
            }
        }
        return found;
    }

    /** Remembers which customer each shop id is, as a webhook that found them would. */
    public static void remember(Connection c, ShopPlatform platform, List<String> shopIds, List<Long> customerIds)
            throws SQLException {
        if (shopIds.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(REMEMBER)) {
            st.setString(1, platform.wire());
            st.setArray(2, SqlArrays.texts(c, shopIds, s -> s));
            st.setArray(3, SqlArrays.longs(c, customerIds, id -> id));
            st.executeUpdate();
        }
    }
}
