package io.comeback.web;

import io.comeback.audience.Customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A customer as the API shows it: what the shop sent, plus facts derived from orders. */
public record CustomerView(String externalId, String phone, String firstName, String lastName, String email,
                           String locale, String timeZone, LocalDate birthday, Map<String, Object> attributes,
                           Consent consent, Facts facts, Instant createdAt, Instant updatedAt) {

    public record Consent(String status, String source, String text, Instant at) {
    }

    public record Facts(int ordersCount, Instant firstOrderAt, Instant lastOrderAt, BigDecimal totalSpent) {
    }

    static CustomerView of(Customer c) {
        return new CustomerView(c.externalId, c.phone, c.firstName, c.lastName, c.email, c.locale, c.timeZone,
                c.birthday, c.attributes, new Consent(c.consentStatus, c.consentSource, c.consentText, c.consentAt),
                new Facts(c.ordersCount, c.firstOrderAt, c.lastOrderAt, c.totalSpent), c.createdAt, c.updatedAt);
    }
}
