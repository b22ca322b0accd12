package io.comeback.audience;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Orders in, idempotently: the same {@code orderId} twice is one order. */
@ApplicationScoped
public class OrderService {

    private final OrderValidator validator;
    private final OrderStore store;
    private final jakarta.enterprise.event.Event<AudienceEvents.OrderPlaced> placed;

    public OrderService(
            OrderValidator validator,
            OrderStore store,
            jakarta.enterprise.event.Event<AudienceEvents.OrderPlaced> placed) {
        this.validator = validator;
        this.store = store;
        this.placed = placed;
    }

    public sealed interface Outcome permits Created, AlreadyStored, Rejected {}

    public record Created(CustomerOrder order, String customerExternalId) implements Outcome {}

    public record AlreadyStored(CustomerOrder order, String customerExternalId) implements Outcome {}

    public record Rejected(List<FieldViolation> violations) implements Outcome {}

    @Transactional
    public Outcome place(OrderInput input) {
        OrderValidator.Result result = validator.validate(input);
        if (result instanceof OrderValidator.Invalid invalid) {
            return new Rejected(invalid.violations());
        }
        OrderDraft draft = ((OrderValidator.Valid) result).draft();
        Optional<CustomerOrder> existing = CustomerOrder.findByOrderId(draft.orderId());
        if (existing.isPresent()) {
            return new AlreadyStored(existing.get(), externalIdOf(existing.get()));
        }
        Optional<Customer> customer = Customer.findLiving(draft.customerExternalId());
        if (customer.isEmpty()) {
            return new Rejected(List.of(new FieldViolation(
                    "customerId",
                    "no customer '" + draft.customerExternalId()
                            + "'; create it first with PUT /api/customers/{externalId}")));
        }
        Optional<Long> id = store.insertOnce(draft, customer.get().id);
        // A concurrent request may have stored the same orderId between our look-up and insert.
        CustomerOrder stored = CustomerOrder.findByOrderId(draft.orderId()).orElseThrow();
        if (id.isPresent()) {
            placed.fire(new AudienceEvents.OrderPlaced(
                    stored.customerId, stored.orderId, stored.total, stored.couponCode, stored.placedAt));
        }
        return id.isPresent()
                ? new Created(stored, draft.customerExternalId())
                : new AlreadyStored(stored, externalIdOf(stored));
    }

    @Transactional
    public Optional<Created> find(String orderId) {
        return CustomerOrder.findByOrderId(orderId).map(o -> new Created(o, externalIdOf(o)));
    }

    private static String externalIdOf(CustomerOrder order) {
        Customer customer = Customer.findById(order.customerId);
        return customer == null ? null : customer.externalId;
    }
}
