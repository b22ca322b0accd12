package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.OrderChanges;
import io.comeback.audience.OrderRefunds;
import io.comeback.audience.OrderRevision;
import io.comeback.audience.OrderStatus;
import io.comeback.audience.StoredOrder;
import io.comeback.audience.StoredOrders;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies what a delivery says, in the caller's transaction, so that the same delivery twice, or deliveries in any
 * order, leave the same state: customers by their link ({@link ShopCustomers}), orders by their id and the shop's
 * updated_at ({@link OrderChanges}), refunds by their id.
 */
@ApplicationScoped
public class ShopEventApplier {

    /** What applying did, in words kept with the delivery, and the customer it was about. */
    public record Outcome(String what, Long customerId) {}

    private final AgroalDataSource dataSource;
    private final ShopCustomers customers;
    private final OrderChanges orders;
    private final StoredOrders stored;
    private final ShopCheckouts checkouts;

    public ShopEventApplier(
            AgroalDataSource dataSource,
            ShopCustomers customers,
            OrderChanges orders,
            StoredOrders stored,
            ShopCheckouts checkouts) {
        this.dataSource = dataSource;
        this.customers = customers;
        this.orders = orders;
        this.stored = stored;
        this.checkouts = checkouts;
    }

    public Outcome apply(ShopPlatform platform, ShopEvent event) {
        try (Connection c = dataSource.getConnection()) {
            if (event instanceof ShopEvent.CustomerChanged changed) {
                return customer(platform, changed.customer());
            }
            if (event instanceof ShopEvent.OrderChanged changed) {
                return order(c, platform, changed.order());
            }
            if (event instanceof ShopEvent.RefundAdded refund) {
                return refund(c, refund);
            }
            if (event instanceof ShopEvent.OrderDeleted deleted) {
                return deleted(c, deleted.orderId());
            }
            if (event instanceof ShopEvent.CheckoutChanged checkout) {
                return checkouts.apply(c, platform, checkout.checkout());
            }
            if (event instanceof ShopEvent.Ignored ignored) {
                return new Outcome("nothing: " + ignored.reason(), null);
            }
            throw new IllegalArgumentException("not applied here: " + event);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply a delivery of " + platform.wire(), e);
        }
    }

    private Outcome customer(ShopPlatform platform, ShopCustomer customer) {
        Optional<ShopCustomers.Resolved> resolved = customers.resolve(platform, customer);
        if (resolved.isEmpty()) {
            return new Outcome("nothing: no id, number or e-mail to know the customer by", null);
        }
        ShopCustomers.Resolved r = resolved.get();
        String what = r.created()
                ? "customer created"
                : r.current() ? "customer updated" : "nothing: older than the customer record applied before";
        return new Outcome(what, r.customerId());
    }

    private Outcome order(Connection c, ShopPlatform platform, ShopOrder order) throws SQLException {
        Optional<ShopCustomers.Resolved> resolved = customers.resolve(platform, order.customer());
        if (resolved.isEmpty()) {
            return new Outcome("nothing: an order without a customer, number or e-mail to attribute it to", null);
        }
        long customerId = resolved.get().customerId();
        for (ShopRefund refund : order.refunds()) {
            OrderRefunds.record(c, order.orderId(), refund.refundId(), refund.amount(), refund.at());
        }
        BigDecimal refunded = order.refundedInFull() ? order.amount() : OrderRefunds.total(c, order.orderId());
        OrderChanges.Applied applied = orders.apply(new OrderRevision(
                order.orderId(),
                customerId,
                order.amount(),
                refunded,
                order.currency(),
                order.placedAt(),
                order.items(),
                couponCode(c, order.discountCodes()),
                order.payment(),
                order.updatedAt()));
        if (order.checkoutKey() != null) {
            checkouts.ordered(c, platform, order.checkoutKey(), order.orderId());
        }
        return new Outcome(
                "order " + applied.result().name().toLowerCase(Locale.ROOT) + " ("
                        + applied.order().status().wire() + ")",
                applied.order().customerId());
    }

    private Outcome refund(Connection c, ShopEvent.RefundAdded refund) throws SQLException {
        ShopRefund r = refund.refund();
        OrderRefunds.record(c, refund.orderId(), r.refundId(), r.amount(), r.at());
        Optional<StoredOrder> order = stored.find(c, refund.orderId());
        if (order.isEmpty()) {
            return new Outcome("refund kept for an order not received yet", null);
        }
        StoredOrder s = order.get();
        OrderChanges.Applied applied = orders.apply(s.revised(OrderRefunds.total(c, refund.orderId()), s.payment()));
        return new Outcome(
                "refund: order " + applied.result().name().toLowerCase(Locale.ROOT) + " ("
                        + applied.order().status().wire() + ")",
                s.customerId());
    }

    private Outcome deleted(Connection c, String orderId) throws SQLException {
        Optional<StoredOrder> order = stored.find(c, orderId);
        if (order.isEmpty()) {
            return new Outcome("nothing: no such order", null);
        }
        StoredOrder s = order.get();
        OrderChanges.Applied applied = orders.apply(s.revised(s.refunded(), OrderStatus.CANCELLED));
        return new Outcome(
                "order deleted at the shop: " + applied.result().name().toLowerCase(Locale.ROOT), s.customerId());
    }

    /** The code used at checkout: one Comeback issued if there is one, else the first. */
    private static String couponCode(Connection c, List<String> codes) throws SQLException {
        if (codes.isEmpty()) {
            return null;
        }
        List<String> normalized =
                codes.stream().map(code -> code.trim().toUpperCase(Locale.ROOT)).toList();
        Array array = c.createArrayOf("text", normalized.toArray());
        try (PreparedStatement st = c.prepareStatement(
                "SELECT code FROM coupons WHERE code = ANY (?) ORDER BY array_position(?, code) LIMIT 1")) {
            st.setArray(1, array);
            st.setArray(2, array);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : codes.get(0).trim();
            }
        }
    }
}
