package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.engine.run.RfmScores;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A customer as the API shows it: what the shop sent, plus facts derived from orders and the RFM
 * scores (null for a customer who never ordered). Named apart from the interpreter's
 * {@code CustomerView} (engine.run); the API document keeps the schema name it always had.
 */
@Schema(name = "CustomerView")
public record CustomerApiView(
        String externalId,
        String phone,
        String firstName,
        String lastName,
        String email,
        String locale,
        String timeZone,
        LocalDate birthday,
        Map<String, Object> attributes,
        Consent consent,
        Facts facts,
        Rfm rfm,
        Instant createdAt,
        Instant updatedAt) {

    public record Consent(String status, String source, String text, Instant at) {}

    /**
     * {@code totalSpent} and {@code averageOrderValue} (null without orders) are in {@code currency}, the reporting
     * currency: each order counts its amount less refunds, converted at the rate of the day it was stored.
     */
    public record Facts(
            int ordersCount,
            Instant firstOrderAt,
            Instant lastOrderAt,
            BigDecimal totalSpent,
            BigDecimal averageOrderValue,
            String currency) {

        static Facts of(Customer c, String currency) {
            BigDecimal average = c.ordersCount == 0
                    ? null
                    : c.totalSpent.divide(BigDecimal.valueOf(c.ordersCount), 2, RoundingMode.HALF_UP);
            return new Facts(c.ordersCount, c.firstOrderAt, c.lastOrderAt, c.totalSpent, average, currency);
        }
    }

    /** Each score 1–5; {@code score} is the three-digit code, e.g. {@code 545}. */
    public record Rfm(int recency, int frequency, int monetary, String score) {
        static Rfm of(RfmScores scores) {
            return scores == null
                    ? null
                    : new Rfm(scores.recency(), scores.frequency(), scores.monetary(), scores.code());
        }
    }

    static CustomerApiView of(Customer c, RfmScores rfm, String currency) {
        return new CustomerApiView(
                c.externalId,
                c.phone,
                c.firstName,
                c.lastName,
                c.email,
                c.locale,
                c.timeZone,
                c.birthday,
                c.attributes,
                new Consent(c.consentStatus, c.consentSource, c.consentText, c.consentAt),
                Facts.of(c, currency),
                Rfm.of(rfm),
                c.createdAt,
                c.updatedAt);
    }
}
