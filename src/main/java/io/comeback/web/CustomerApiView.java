package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.engine.run.RfmScores;
import java.math.BigDecimal;
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

    public record Facts(int ordersCount, Instant firstOrderAt, Instant lastOrderAt, BigDecimal totalSpent) {}

    /** Each score 1–5; {@code score} is the three-digit code, e.g. {@code 545}. */
    public record Rfm(int recency, int frequency, int monetary, String score) {
        static Rfm of(RfmScores scores) {
            return scores == null
                    ? null
                    : new Rfm(scores.recency(), scores.frequency(), scores.monetary(), scores.code());
        }
    }

    static CustomerApiView of(Customer c, RfmScores rfm) {
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
                new Facts(c.ordersCount, c.firstOrderAt, c.lastOrderAt, c.totalSpent),
                Rfm.of(rfm),
                c.createdAt,
                c.updatedAt);
    }
}
