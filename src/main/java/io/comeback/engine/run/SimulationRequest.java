package io.comeback.engine.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Input of {@link FlowSimulator}, shaped like the body of {@code POST /api/flows/{id}/simulate}:
 * <pre>
 * {"customer": {"firstName", "lastName", "email", "phone", "locale", "timeZone", "birthday", "attributes": {},
 *               "consent": {"status"}, "rfm"},
 *  "orders": [{"placedAt", "total", "couponCode", "items": [{"sku", "name", "category", "quantity", "price"}]}],
 *  "start": "instant the trigger fires", "events": [{"at", "type", "body", "total", "name", "properties"}],
 *  "until": "instant"}
 * </pre>
 * For an {@code order_placed} trigger, {@code start} is when the order was placed and the flow's
 * delay comes on top; for {@code inactive}, {@code start} is when detection begins and the
 * customer enters once {@link Inactivity} says so; {@link EntryPlanner} says it for every trigger.
 * The customer's facts ({@code customer.facts.*}) are computed from {@code orders} and the timeline's orders
 * ({@link CustomerFacts#of}), never given, so they cannot disagree with the order history.
 */
public record SimulationRequest(
        Customer customer, List<Order> orders, Instant start, List<Event> events, Instant until) {

    public SimulationRequest {
        orders = orders == null ? List.of() : List.copyOf(orders);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * The customer fields of the customer API. {@code timeZone} is an IANA zone id such as
     * {@code Europe/Oslo}; {@code birthday} a date such as {@code 1990-06-15} (flows see it as the
     * attribute {@code birthday}); {@code rfm} the customer's RFM code such as {@code 545} (recency,
     * frequency, monetary), or null for one who never ordered.
     */
    public record Customer(
            String firstName,
            String lastName,
            String email,
            String phone,
            String locale,
            String timeZone,
            String birthday,
            Map<String, String> attributes,
            Consent consent,
            String rfm) {
        public Customer {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        public Customer(
                String firstName,
                String phone,
                String locale,
                String timeZone,
                Map<String, String> attributes,
                Consent consent,
                String rfm) {
            this(firstName, null, null, phone, locale, timeZone, null, attributes, consent, rfm);
        }

        public Customer(
                String firstName,
                String phone,
                String locale,
                String timeZone,
                Map<String, String> attributes,
                Consent consent) {
            this(firstName, phone, locale, timeZone, attributes, consent, null);
        }

        public Customer withConsent(String status) {
            return new Customer(
                    firstName,
                    lastName,
                    email,
                    phone,
                    locale,
                    timeZone,
                    birthday,
                    attributes,
                    new Consent(status),
                    rfm);
        }
    }

    /** {@code status}: {@code opted_in}, {@code opted_out} or {@code unknown}. */
    public record Consent(String status) {}

    /** An order before {@code start}; {@code items} as the order API takes them (for the item facts). */
    public record Order(Instant placedAt, BigDecimal total, String couponCode, List<Item> items) {
        public Order {
            items = items == null
                    ? List.of()
                    : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
        }

        public Order(Instant placedAt, BigDecimal total, String couponCode) {
            this(placedAt, total, couponCode, null);
        }
    }

    /** An order line as the order API takes it: {@code quantity} defaults to 1, {@code price} is the unit price. */
    public record Item(String sku, String name, String category, Integer quantity, BigDecimal price) {}

    /**
     * {@code type}: {@code reply} (with {@code body}), {@code order} (with {@code total}),
     * {@code click}, {@code site_visit}, {@code opt_out}, or {@code event}: an event the events API
     * records, of type {@code name} with its {@code properties}.
     */
    public record Event(
            Instant at, String type, String body, BigDecimal total, String name, Map<String, String> properties) {
        public Event {
            properties = properties == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        }

        public Event(Instant at, String type, String body, BigDecimal total) {
            this(at, type, body, total, null, null);
        }
    }
}
