package io.comeback.audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.audience.money.NoExchangeRate;
import io.comeback.support.AdvisoryLocks;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Brings an order to the state its source says it is in now, whatever came before and in whatever order the records
 * arrive: creates it, changes its amount, refunds, status or lines, moves it out of the purchases when it is
 * cancelled (or not paid yet) and back in when it counts again. Everything derived from a counted order follows in
 * the same transaction: the customer's facts, the report facts kept per order (V272), the coupon redemption, the
 * loyalty roll-ups ({@link OrderRevisionHooks}). A new purchase starts flows and meets goals once
 * ({@link AudienceEvents.OrderPlaced}), also when it first counts later (paid after waiting for its payment).
 *
 * <p>Changes of one order id are serialised by a transaction lock on the id, so two deliveries about the same order
 * applied at once never both create it. Callers provide the transaction.
 */
@ApplicationScoped
public class OrderChanges {

    public enum Result {
        CREATED,
        UPDATED,
        UNCHANGED,
        /** Older than the record applied before: nothing changed. */
        STALE
    }

    public record Applied(Result result, StoredOrder order) {}

    private static final AdvisoryLocks.Named ORDER_LOCK = AdvisoryLocks.ORDER;

    private final AgroalDataSource dataSource;
    private final StoredOrders stored;
    private final OrderRevisionHooks hooks;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<AudienceEvents.OrderPlaced> placed;
    private final ExchangeRates rates;

    public OrderChanges(
            AgroalDataSource dataSource,
            StoredOrders stored,
            OrderRevisionHooks hooks,
            ObjectMapper json,
            Clock clock,
            Event<AudienceEvents.OrderPlaced> placed,
            ExchangeRates rates) {
        this.rates = rates;
        this.dataSource = dataSource;
        this.stored = stored;
        this.hooks = hooks;
        this.json = json;
        this.clock = clock;
        this.placed = placed;
    }

    /**
     * Applies the revision in the caller's transaction. A known order keeps its customer.
     *
     * @throws NoExchangeRate when the amount must be converted and its currency has no rate: nothing is stored
     */
    public Applied apply(OrderRevision r) {
        try (Connection c = dataSource.getConnection()) {
            ORDER_LOCK.transactionLock(c, r.orderId());
            Optional<StoredOrder> existing = stored.find(c, r.orderId());
            if (existing.isEmpty()) {
                create(c, r, OrderMoney.of(r, null, rates::require));
                return new Applied(Result.CREATED, stored.find(c, r.orderId()).orElseThrow());
            }
            StoredOrder s = existing.get();
            if (r.shopUpdatedAt() != null
                    && s.shopUpdatedAt() != null
                    && r.shopUpdatedAt().isBefore(s.shopUpdatedAt())) {
                return new Applied(Result.STALE, s);
            }
            String items = json.writeValueAsString(r.items());
            if (OrderRowStore.same(c, s, r, items)) {
                if (r.shopUpdatedAt() != null && !r.shopUpdatedAt().equals(s.shopUpdatedAt())) {
                    try (PreparedStatement st = c.prepareStatement(
                            OrderRowStore.TOUCH_SHOP_TIME.formatted(OrderRowStore.table(s.counted())))) {
                        Jdbc.setInstant(st, 1, r.shopUpdatedAt());
                        st.setLong(2, s.id());
                        st.executeUpdate();
                    }
                }
                return new Applied(Result.UNCHANGED, s);
            }
            OrderMoney money = OrderMoney.of(r, s, rates::require);
            boolean counts = r.status().counts();
            if (s.counted() && counts) {
                hooks.beforeChange(c, s.customerId());
                OrderRowStore.update(c, s, r, money, items, clock.instant());
                OrderRowStore.rederive(c, s.id());
                CustomerFactStore.recompute(c, s.customerId());
                hooks.afterChange(c, s.customerId());
            } else if (s.counted()) {
                moveOut(c, s, r, money);
            } else if (counts) {
                moveIn(c, s, r, money);
            } else {
                OrderRowStore.update(c, s, r, money, items, clock.instant());
            }
            return new Applied(Result.UPDATED, stored.find(c, r.orderId()).orElseThrow());
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not store order " + r.orderId(), e);
        }
    }

    private void create(Connection c, OrderRevision r, OrderMoney money) throws SQLException, JsonProcessingException {
        if (!r.status().counts()) {
            insertNotCounted(c, r, money, null, false);
            return;
        }
        long id = insertCounted(c, r, money, null);
        try (PreparedStatement st = c.prepareStatement(OrderStore.FOLD_FACTS.formatted(
                "SELECT ?::bigint AS customer_id, 1 AS count, ?::timestamptz AS first_at, ?::timestamptz AS last_at, "
                        + "?::numeric AS spent, ARRAY[?::timestamptz] AS times"))) {
            st.setLong(1, r.customerId());
            Jdbc.setInstant(st, 2, r.placedAt());
            Jdbc.setInstant(st, 3, r.placedAt());
            st.setBigDecimal(4, money.net());
            Jdbc.setInstant(st, 5, r.placedAt());
            st.executeUpdate();
        }
        if (!r.items().isEmpty()) {
            OrderRowStore.exec(c, OrderStore.ITEM_FACTS, r.customerId());
        }
        OrderRowStore.redeem(c, id, r.couponCode());
        announce(r.customerId(), r);
    }

    /** Counted → not counted (cancelled, or back to waiting for payment). */
    private void moveOut(Connection c, StoredOrder s, OrderRevision r, OrderMoney money) throws SQLException {
        hooks.beforeChange(c, s.customerId());
        try (PreparedStatement st = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            st.setLong(1, s.id());
            st.executeUpdate();
        }
        OrderRowStore.exec(c, "SELECT comeback_order_facts_drop(?)", s.id());
        OrderRowStore.exec(c, "DELETE FROM loyalty_pending_orders WHERE order_id = ?", s.id());
        insertNotCounted(c, withCustomer(r, s.customerId()), money, s, true);
        CustomerFactStore.recompute(c, s.customerId());
        hooks.afterChange(c, s.customerId());
    }

    /** Not counted → counted: a purchase now; flows start and goals are met unless it counted before. */
    private void moveIn(Connection c, StoredOrder s, OrderRevision r, OrderMoney money)
            throws SQLException, JsonProcessingException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM orders_not_counted WHERE id = ?")) {
            st.setLong(1, s.id());
            st.executeUpdate();
        }
        OrderRevision moved = withCustomer(r, s.customerId());
        long id = insertCounted(c, moved, money, s);
        OrderRowStore.redeem(c, id, moved.couponCode());
        CustomerFactStore.recompute(c, s.customerId());
        if (!s.wasCounted()) {
            announce(s.customerId(), moved);
        }
    }

    private long insertCounted(Connection c, OrderRevision r, OrderMoney money, StoredOrder before)
            throws SQLException, JsonProcessingException {
        try (PreparedStatement st = c.prepareStatement(OrderRowStore.INSERT_COUNTED)) {
            int i = bindNew(st, r, money, before);
            Jdbc.setInstant(st, ++i, before == null ? null : clock.instant());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void insertNotCounted(
            Connection c, OrderRevision r, OrderMoney money, StoredOrder before, boolean wasCounted)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(OrderRowStore.INSERT_NOT_COUNTED)) {
            int i = bindNew(st, r, money, before);
            Jdbc.setInstant(st, ++i, before == null ? null : clock.instant());
            st.setBoolean(++i, wasCounted || (before != null && before.wasCounted()));
            st.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int bindNew(PreparedStatement st, OrderRevision r, OrderMoney money, StoredOrder before)
            throws SQLException, JsonProcessingException {
        int i = 0;
        st.setString(++i, r.orderId());
        st.setLong(++i, r.customerId());
        i = OrderRowStore.bindAmounts(st, i, r, money);
        Jdbc.setInstant(st, ++i, r.placedAt());
        st.setString(++i, r.couponCode());
        st.setString(++i, json.writeValueAsString(r.items()));
        st.setString(++i, r.status().wire());
        Instant shopTime =
                r.shopUpdatedAt() != null ? r.shopUpdatedAt() : before == null ? null : before.shopUpdatedAt();
        Jdbc.setInstant(st, ++i, shopTime);
        Jdbc.setInstant(st, ++i, before == null ? null : before.createdAt());
        return i;
    }

    private void announce(long customerId, OrderRevision r) {
        placed.fire(new AudienceEvents.OrderPlaced(customerId, r.orderId(), r.net(), r.couponCode(), r.placedAt()));
    }

    private static OrderRevision withCustomer(OrderRevision r, long customerId) {
        return new OrderRevision(
                r.orderId(),
                customerId,
                r.amount(),
                r.refunded(),
                r.currency(),
                r.placedAt(),
                r.items(),
                r.couponCode(),
                r.payment(),
                r.shopUpdatedAt());
    }
}
