package io.comeback.audience;

import io.comeback.audience.money.ExchangeRates;
import io.comeback.audience.money.NoExchangeRate;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks an {@link OrderInput} and reports every problem at once; shared by the API and the CSV import. */
@ApplicationScoped
public class OrderValidator {

    /** Shop clocks drift; an order a little in the future is still believed. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final ExchangeRates rates;

    public OrderValidator(Clock clock, ExchangeRates rates) {
        this.clock = clock;
        this.rates = rates;
    }

    public sealed interface Result permits Valid, Invalid {}

    public record Valid(OrderDraft draft) implements Result {}

    public record Invalid(List<FieldViolation> violations) implements Result {}

    public Result validate(OrderInput in) {
        List<FieldViolation> errors = new ArrayList<>();
        ExternalIds.check("orderId", in.orderId()).ifPresent(errors::add);
        ExternalIds.check("customerId", in.customerId()).ifPresent(errors::add);
        BigDecimal total = amount("total", in.total(), true, errors);
        String currency = currency(in.currency(), errors);
        Instant placedAt = placedAt(in.placedAt(), errors);
        List<OrderDraft.Item> items = items(in.items(), errors);
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new OrderDraft(
                in.orderId(),
                in.customerId(),
                total,
                currency,
                placedAt,
                items,
                CustomerValidator.blankToNull(in.couponCode())));
    }

    static BigDecimal amount(String field, String raw, boolean required, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(new FieldViolation(field, "required: an amount such as 499.00"));
            }
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(raw.trim());
            if (value.signum() < 0) {
                errors.add(new FieldViolation(field, "must not be negative"));
            } else if (value.scale() > 2 || value.precision() - value.scale() > 12) {
                errors.add(new FieldViolation(
                        field, "'" + raw + "' has too many digits: at most 12 before and 2 after the point"));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldViolation(
                    field, "'" + raw + "' is not an amount; write digits with a point, e.g. 499.00"));
            return null;
        }
    }

    /** An ISO 4217 code with a rate into the reporting currency: an amount that cannot be converted is not counted. */
    private String currency(String raw, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldViolation("currency", "required: an ISO 4217 code such as NOK, SEK, EUR"));
            return null;
        }
        String code = raw.trim().toUpperCase(Locale.ROOT);
        try {
            String known = Currency.getInstance(code).getCurrencyCode();
            if (rates.rate(known).isEmpty()) {
                errors.add(new FieldViolation("currency", NoExchangeRate.reason(known, rates.currency())));
                return null;
            }
            return known;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldViolation("currency", "'" + raw + "' is not an ISO 4217 currency code such as NOK"));
            return null;
        }
    }

    private Instant placedAt(String raw, List<FieldViolation> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldViolation("placedAt", "required: an instant such as 2026-05-17T10:00:00Z"));
            return null;
        }
        Optional<Instant> at = Instants.parse(raw);
        if (at.isEmpty()) {
            errors.add(new FieldViolation("placedAt", Instants.problem(raw, "2026-05-17T10:00:00Z")));
            return null;
        }
        if (at.get().isAfter(Instant.now(clock).plus(CLOCK_SKEW))) {
            errors.add(new FieldViolation("placedAt", "'" + raw + "' is in the future"));
        }
        return at.get();
    }

    private static List<OrderDraft.Item> items(List<OrderInput.Item> raw, List<FieldViolation> errors) {
        List<OrderDraft.Item> items = new ArrayList<>();
        if (raw == null) {
            return items;
        }
        for (int i = 0; i < raw.size(); i++) {
            OrderInput.Item item = raw.get(i);
            String at = "items[" + i + "].";
            if (item == null) {
                errors.add(new FieldViolation("items[" + i + "]", "must be an object"));
                continue;
            }
            int quantity = item.quantity() == null ? 1 : item.quantity();
            if (quantity < 1) {
                errors.add(new FieldViolation(at + "quantity", "must be at least 1"));
            }
            BigDecimal price = amount(at + "price", item.price(), false, errors);
            if (item.sku() == null && item.name() == null) {
                errors.add(new FieldViolation(at + "sku", "an item needs a sku or a name"));
            }
            items.add(new OrderDraft.Item(item.sku(), item.name(), item.category(), quantity, price));
        }
        return items;
    }
}
