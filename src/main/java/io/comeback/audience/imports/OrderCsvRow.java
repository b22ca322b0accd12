package io.comeback.audience.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.audience.FieldViolation;
import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderInput;
import io.comeback.audience.OrderRevision;
import io.comeback.audience.OrderStatus;
import io.comeback.audience.OrderValidator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of an orders file judged like the API judges an order, with the optional columns of an order's state:
 * {@code status} (placed, paid, pending, cancelled, refunded, partially_refunded; placed when absent), {@code refunded}
 * (what was paid back; {@code refunded} alone refunds the whole total) and {@code items} (a JSON array of
 * {@code {sku, name, category, quantity, price}}, as in the API). The stored total is what the order is worth, the
 * amount less refunds, as {@code OrderChanges} stores it.
 */
final class OrderCsvRow {

    private static final TypeReference<List<OrderInput.Item>> ITEMS = new TypeReference<>() {};

    /** A row fit to stage: the order, its status as stored, what it is worth and what was refunded. */
    record Staged(OrderDraft draft, OrderStatus status, BigDecimal net, BigDecimal refunded, String itemsJson) {}

    sealed interface Result permits Fit, Unfit {}

    record Fit(Staged staged) implements Result {}

    record Unfit(List<FieldViolation> violations) implements Result {}

    private final OrderValidator validator;
    private final ObjectMapper json;

    OrderCsvRow(OrderValidator validator, ObjectMapper json) {
        this.validator = validator;
        this.json = json;
    }

    Result judge(
            String orderId,
            String customerId,
            String total,
            String currency,
            String placedAt,
            String couponCode,
            String status,
            String refunded,
            String items) {
        List<FieldViolation> errors = new ArrayList<>();
        List<OrderInput.Item> itemInputs = items(items, errors);
        OrderValidator.Result result = validator.validate(
                new OrderInput(orderId, customerId, total, currency, placedAt, itemInputs, couponCode));
        if (result instanceof OrderValidator.Invalid invalid) {
            errors.addAll(0, invalid.violations());
        }
        OrderStatus stated = status == null
                ? OrderStatus.PLACED
                : OrderStatus.fromWire(status).orElse(null);
        if (stated == null) {
            errors.add(
                    new FieldViolation("status", "'" + status + "' is not a status; one of " + OrderStatus.allWire()));
        }
        BigDecimal refund = amount("refunded", refunded, errors);
        if (stated == OrderStatus.PARTIALLY_REFUNDED && refund == null) {
            errors.add(new FieldViolation("refunded", "required with status partially_refunded: the amount refunded"));
        }
        if (!errors.isEmpty()) {
            return new Unfit(errors);
        }
        OrderDraft draft = ((OrderValidator.Valid) result).draft();
        if (refund == null) {
            refund = stated == OrderStatus.REFUNDED ? draft.total() : BigDecimal.ZERO;
        }
        if (refund.compareTo(draft.total()) > 0) {
            return new Unfit(List.of(new FieldViolation(
                    "refunded",
                    "'" + refunded + "' is more than the total " + draft.total().toPlainString())));
        }
        OrderStatus payment = switch (stated) {
            case REFUNDED, PARTIALLY_REFUNDED -> OrderStatus.PAID;
            default -> stated;
        };
        OrderRevision revision = new OrderRevision(
                draft.orderId(),
                0,
                draft.total(),
                refund,
                draft.currency(),
                draft.placedAt(),
                draft.items(),
                draft.couponCode(),
                payment,
                null);
        try {
            return new Fit(new Staged(
                    draft,
                    revision.status(),
                    revision.net(),
                    revision.refundedCapped(),
                    json.writeValueAsString(draft.items())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<OrderInput.Item> items(String raw, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        try {
            List<OrderInput.Item> items = json.readValue(raw, ITEMS);
            return items == null ? List.of() : items;
        } catch (JsonProcessingException e) {
            errors.add(new FieldViolation(
                    "items", "not a JSON array of items like [{\"sku\":\"A-1\",\"quantity\":1,\"price\":\"99.00\"}]"));
            return List.of();
        }
    }

    private static BigDecimal amount(String field, String raw, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(raw.trim());
            if (value.signum() < 0) {
                errors.add(new FieldViolation(field, "must not be negative"));
            } else if (value.scale() > 2) {
                errors.add(new FieldViolation(field, "'" + raw + "' has more than 2 digits after the point"));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldViolation(
                    field, "'" + raw + "' is not an amount; write digits with a point, e.g. 499.00"));
            return null;
        }
    }
}
