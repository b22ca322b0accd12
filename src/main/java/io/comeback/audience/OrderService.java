package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.NoExchangeRate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders in through the API. The same {@code orderId} twice is one order: sent again as it is, nothing changes; sent
 * with other content (amount, time, lines, code), the stored order is updated. Status and refunds change with
 * {@link #change}. Everything is applied by {@link OrderChanges}.
 */
@ApplicationScoped
public class OrderService {

    private final AgroalDataSource dataSource;
    private final OrderValidator validator;
    private final OrderChanges changes;
    private final StoredOrders stored;

    public OrderService(
            AgroalDataSource dataSource, OrderValidator validator, OrderChanges changes, StoredOrders stored) {
        this.dataSource = dataSource;
        this.validator = validator;
        this.changes = changes;
        this.stored = stored;
    }

    public sealed interface Outcome permits Created, AlreadyStored, Updated, Rejected {}

    public record Created(StoredOrder order, String customerExternalId) implements Outcome {}

    public record AlreadyStored(StoredOrder order, String customerExternalId) implements Outcome {}

    public record Updated(StoredOrder order, String customerExternalId) implements Outcome {}

    /** {@code conflict}: valid, but it contradicts the stored order (another customer's). */
    public record Rejected(List<FieldViolation> violations, boolean conflict) implements Outcome {
        public Rejected(List<FieldViolation> violations) {
            this(violations, false);
        }
    }

    /** A change of status, amount or refunds; null fields stay as they are. */
    public record OrderPatch(String status, String total, String refunded) {}

    @Transactional
    public Outcome place(OrderInput input) {
        OrderValidator.Result result = validator.validate(input);
        if (result instanceof OrderValidator.Invalid invalid) {
            return new Rejected(invalid.violations());
        }
        OrderDraft draft = ((OrderValidator.Valid) result).draft();
        Optional<Customer> customer = Customer.findLiving(draft.customerExternalId());
        if (customer.isEmpty()) {
            return new Rejected(List.of(new FieldViolation(
                    "customerId",
                    "no customer '" + draft.customerExternalId()
                            + "'; create it first with PUT /api/customers/{externalId}")));
        }
        Optional<StoredOrder> existing = find(draft.orderId());
        if (existing.isPresent() && existing.get().customerId() != customer.get().id) {
            return new Rejected(
                    List.of(new FieldViolation(
                            "customerId",
                            "order '" + draft.orderId() + "' belongs to customer '"
                                    + externalIdOf(existing.get().customerId()) + "'; an order cannot move")),
                    true);
        }
        OrderRevision revision = new OrderRevision(
                draft.orderId(),
                customer.get().id,
                draft.total(),
                existing.map(StoredOrder::refunded).orElse(BigDecimal.ZERO),
                draft.currency(),
                draft.placedAt(),
                draft.items(),
                draft.couponCode(),
                existing.map(StoredOrder::payment).orElse(OrderStatus.PLACED),
                null);
        OrderChanges.Applied applied = changes.apply(revision);
        String externalId = draft.customerExternalId();
        return switch (applied.result()) {
            case CREATED -> new Created(applied.order(), externalId);
            case UPDATED -> new Updated(applied.order(), externalId);
            case UNCHANGED, STALE -> new AlreadyStored(applied.order(), externalId);
        };
    }

    /** Empty when there is no such order. */
    @Transactional
    public Optional<Outcome> change(String orderId, OrderPatch patch) {
        Optional<StoredOrder> existing = find(orderId);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        StoredOrder s = existing.get();
        List<FieldViolation> errors = new ArrayList<>();
        BigDecimal amount = patch.total() == null
                ? s.amount()
                : Optional.ofNullable(OrderValidator.amount("total", patch.total(), true, errors))
                        .orElse(s.amount());
        BigDecimal refunded = patch.refunded() == null
                ? s.refunded()
                : Optional.ofNullable(OrderValidator.amount("refunded", patch.refunded(), true, errors))
                        .orElse(s.refunded());
        OrderStatus payment = s.payment();
        if (patch.status() != null) {
            Optional<OrderStatus> status = OrderStatus.fromWire(patch.status());
            if (status.isEmpty()) {
                errors.add(new FieldViolation(
                        "status", "'" + patch.status() + "' is not one of " + OrderStatus.allWire()));
            } else {
                switch (status.get()) {
                    case REFUNDED -> {
                        payment = OrderStatus.PAID;
                        if (patch.refunded() == null) {
                            refunded = amount;
                        } else if (refunded.compareTo(amount) < 0) {
                            errors.add(new FieldViolation(
                                    "refunded", "a refunded order has its whole total " + amount + " refunded"));
                        }
                    }
                    case PARTIALLY_REFUNDED -> {
                        payment = OrderStatus.PAID;
                        if (refunded.signum() == 0 || refunded.compareTo(amount) >= 0) {
                            errors.add(new FieldViolation(
                                    "refunded",
                                    "a partially refunded order needs the amount refunded, more than 0 and less than "
                                            + amount));
                        }
                    }
                    default -> payment = status.get();
                }
            }
        }
        if (refunded.compareTo(amount) > 0) {
            errors.add(new FieldViolation("refunded", refunded + " is more than the order's total " + amount));
        }
        String externalId = externalIdOf(s.customerId());
        if (!errors.isEmpty()) {
            return Optional.of(new Rejected(errors));
        }
        OrderChanges.Applied applied;
        try {
            applied = changes.apply(new OrderRevision(
                    s.orderId(),
                    s.customerId(),
                    amount,
                    refunded,
                    s.currency(),
                    s.placedAt(),
                    s.draftItems(),
                    s.couponCode(),
                    payment,
                    null));
        } catch (NoExchangeRate e) {
            // Its currency lost its rate since it was stored: a new amount or refund cannot be counted.
            return Optional.of(new Rejected(List.of(new FieldViolation("currency", e.getMessage()))));
        }
        return Optional.of(
                applied.result() == OrderChanges.Result.UPDATED
                        ? new Updated(applied.order(), externalId)
                        : new AlreadyStored(applied.order(), externalId));
    }

    @Transactional
    public Optional<Created> findOrder(String orderId) {
        return find(orderId).map(o -> new Created(o, externalIdOf(o.customerId())));
    }

    private Optional<StoredOrder> find(String orderId) {
        try (Connection c = dataSource.getConnection()) {
            return stored.find(c, orderId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read order " + orderId, e);
        }
    }

    private static String externalIdOf(long customerId) {
        Customer customer = Customer.findById(customerId);
        return customer == null ? null : customer.externalId;
    }
}
