package io.comeback.shops;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/** Checkouts: not applied yet. */
@ApplicationScoped
public class ShopCheckouts {

    public ShopEventApplier.Outcome apply(Connection c, ShopPlatform platform, ShopCheckout checkout)
            throws SQLException {
        return new ShopEventApplier.Outcome("nothing: checkouts are not applied yet", null);
    }

    public void ordered(Connection c, ShopPlatform platform, String checkoutKey, String orderId) throws SQLException {}
}
