package io.comeback.engine.model;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** What makes a customer enter a flow. Exactly one per flow. */
public sealed interface Trigger {

    SourceLocation location();

    /** The YAML name, e.g. {@code order_placed}. */
    String type();

    /** A new customer was created (signed up). YAML: {@code trigger: customer_created}. */
    record CustomerCreated(SourceLocation location) implements Trigger {
        public String type() {
            return "customer_created";
        }
    }

    /**
     * An order was placed. {@code delay} postpones entry (e.g. {@code P5D} standing in for
     * delivery); {@code filters} (all must hold) may look at {@code order.*} and {@code customer.*}.
     */
    record OrderPlaced(Optional<FlowDuration> delay, List<Condition> filters, SourceLocation location)
            implements Trigger {
        public OrderPlaced {
            filters = List.copyOf(filters);
        }

        public String type() {
            return "order_placed";
        }
    }

    /**
     * The customer has gone quiet. Every criterion that is set must hold:
     * <ul>
     * <li>purchase: if {@code rhythmFactor} is set and the customer has at least {@code minOrders}
     * orders, no order for {@code rhythmFactor} × their median gap between purchase days, at least a
     * floor the service sets (personal rhythm, {@code PurchaseRhythm}); otherwise no order for
     * {@code noPurchaseFor} (fixed window). Customers without enough orders and without a fixed
     * window are never lapsed by purchase.</li>
     * <li>{@code noEngagementFor}: no reply, click or site visit for that long.</li>
     * <li>{@code unansweredMessages}: the last N messages sent got no reply and no click.</li>
     * </ul>
     * The detector that evaluates this lives outside the engine; the window is declared here.
     */
    record Inactive(
            Optional<FlowDuration> noPurchaseFor,
            OptionalDouble rhythmFactor,
            int minOrders,
            Optional<FlowDuration> noEngagementFor,
            OptionalInt unansweredMessages,
            SourceLocation location)
            implements Trigger {

        public static final int DEFAULT_MIN_ORDERS = 3;

        public String type() {
            return "inactive";
        }
    }

    /**
     * An event of {@code eventType} was recorded for the customer (the events API: {@code site_visit},
     * {@code wishlist_added}, any type in snake_case). {@code filters} (all must hold) may look at the
     * event's properties as {@code event.<name>} and at {@code customer.*}.
     */
    record EventTrigger(String eventType, List<Condition> filters, SourceLocation location) implements Trigger {
        public EventTrigger {
            filters = List.copyOf(filters);
        }

        public String type() {
            return "event";
        }
    }

    /**
     * The customer comes to match {@code when} (all must hold): found by the periodic detection pass,
     * which enters each customer who was not in the segment at the pass before.
     */
    record Segment(List<Condition> when, SourceLocation location) implements Trigger {
        public Segment {
            when = List.copyOf(when);
        }

        public String type() {
            return "segment";
        }
    }

    /**
     * A date of the customer ({@link DateField}: an attribute such as {@code birthday}, or the first
     * order) comes round, at local time {@code at} in the customer's zone, shifted by
     * {@code offsetDays} (negative = before). {@code yearly} matches month and day every year
     * (birthdays; 29 February counts as 28 February in other years); otherwise the exact date once.
     */
    record DateTrigger(DateField field, LocalTime at, int offsetDays, boolean yearly, SourceLocation location)
            implements Trigger {

        public static final LocalTime DEFAULT_AT = LocalTime.of(10, 0);

        public String type() {
            return "date";
        }
    }

    /** An inbound SMS whose first word is one of {@code words} (compared ignoring case). */
    record Keyword(List<String> words, SourceLocation location) implements Trigger {
        public Keyword {
            words = List.copyOf(words);
        }

        public String type() {
            return "keyword";
        }
    }

    /** Every trigger name the language knows, in the order the reference lists them. */
    List<String> TYPES = List.of("customer_created", "order_placed", "event", "inactive", "segment", "date", "keyword");
}
