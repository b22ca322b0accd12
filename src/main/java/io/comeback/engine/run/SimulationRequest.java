package io.comeback.engine.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Input of {@link FlowSimulator}, shaped like the body of {@code POST /api/flows/{id}/simulate}:
 * <pre>
 * {"customer": {"firstName", "phone", "locale", "timeZone", "attributes": {}, "consent": {"status"}},
 *  "orders": [{"placedAt", "total", "couponCode"}],
 *  "start": "instant the trigger fires", "events": [{"at", "type", "body", "total"}], "until": "instant"}
 * </pre>
 * For an {@code order_placed} trigger, {@code start} is when the order was placed and the flow's
 * delay comes on top; for {@code inactive}, {@code start} is when detection begins and the
 * customer enters once {@link Inactivity} says so.
 */
public record SimulationRequest(Customer customer, List<Order> orders, Instant start, List<Event> events,
                                Instant until) {

    public SimulationRequest {
        orders = orders == null ? List.of() : List.copyOf(orders);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * {@code timeZone} is an IANA zone id such as {@code Europe/Oslo}; {@code rfm} the customer's
     * RFM code such as {@code 545} (recency, frequency, monetary), or null for one who never ordered.
     */
    public record Customer(String firstName, String phone, String locale, String timeZone,
                           Map<String, String> attributes, Consent consent, String rfm) {
        public Customer {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        public Customer(String firstName, String phone, String locale, String timeZone,
                        Map<String, String> attributes, Consent consent) {
            this(firstName, phone, locale, timeZone, attributes, consent, null);
        }
    }

    /** {@code status}: {@code opted_in}, {@code opted_out} or {@code unknown}. */
    public record Consent(String status) {
    }

    public record Order(Instant placedAt, BigDecimal total, String couponCode) {
    }

    /**
     * {@code type}: {@code reply} (with {@code body}), {@code order} (with {@code total}),
     * {@code click}, {@code site_visit} or {@code opt_out}.
     */
    public record Event(Instant at, String type, String body, BigDecimal total) {
    }
}
