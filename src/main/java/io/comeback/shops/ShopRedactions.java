package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.privacy.PersonErasure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A shop's request to erase a person (Shopify's customers/redact, sent when the shop erases its customer): the
 * Comeback customer linked to that shop customer, or created for them, is erased like through the API
 * ({@link PersonErasure}, its own transaction). Erasing twice erases once.
 */
@ApplicationScoped
public class ShopRedactions {

    // The linked customer first; else the one created for them, should the link be gone.
    private static final String FIND = """
            SELECT c.external_id FROM customers c
            WHERE c.erased_at IS NULL
              AND (c.id IN (SELECT customer_id FROM shop_customer_links WHERE platform = ? AND shop_customer_id = ?)
                   OR c.external_id = ?)
            ORDER BY c.external_id = ? LIMIT 1""";

    private final AgroalDataSource dataSource;
    private final PersonErasure erasure;

    public ShopRedactions(AgroalDataSource dataSource, PersonErasure erasure) {
        this.dataSource = dataSource;
        this.erasure = erasure;
    }

    /** Runs outside any transaction: the erasure takes its locks and commits on its own. */
    public ShopEventApplier.Outcome erase(ShopPlatform platform, String shopCustomerId) {
        Optional<String> externalId = find(platform, shopCustomerId);
        if (externalId.isEmpty()) {
            return new ShopEventApplier.Outcome("nothing: no such customer (never seen, or erased before)", null);
        }
        boolean erased = erasure.erase(externalId.get());
        return new ShopEventApplier.Outcome(erased ? "customer erased" : "nothing: erased before", null);
    }

    private Optional<String> find(ShopPlatform platform, String shopCustomerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(FIND)) {
            st.setString(1, platform.wire());
            st.setString(2, shopCustomerId);
            st.setString(3, platform.externalId(shopCustomerId));
            st.setString(4, platform.externalId(shopCustomerId));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find the customer to erase", e);
        }
    }
}
