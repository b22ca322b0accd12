package io.comeback.engine.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Something that happened to an enrolled customer, fed to {@link FlowInterpreter}. */
public sealed interface FlowEvent {

    /**
     * The trigger fired and the customer entered the flow. {@code context} carries the variables
     * of what triggered it, e.g. {@code order.id}, {@code order.total} for {@code order_placed}.
     */
    record Started(Map<String, String> context) implements FlowEvent {
        public Started {
            context = Map.copyOf(context);
        }

        public static Started plain() {
            return new Started(Map.of());
        }

        public static Started forOrder(String orderId, BigDecimal total, String couponCode) {
            Map<String, String> context = new java.util.HashMap<>();
            if (orderId != null) {
                context.put("order.id", orderId);
            }
            if (total != null) {
                context.put("order.total", total.toPlainString());
            }
            if (couponCode != null) {
                context.put("order.couponCode", couponCode);
            }
            return new Started(context);
        }
    }

    /** A timer the enrollment asked for ({@link Decision.WakeAt}) is due. */
    record Woke(Instant at) implements FlowEvent {
        public Woke {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The customer texted back. */
    record Replied(String body) implements FlowEvent {
        public Replied {
            body = body == null ? "" : body;
        }
    }

    /** The customer placed an order. */
    record Ordered(String orderId, BigDecimal total, String couponCode) implements FlowEvent {}

    /** The customer clicked a link from a message; {@code link} is its name or URL when known. */
    record Clicked(String link) implements FlowEvent {}

    /** The customer visited the shop's site. */
    record SiteVisit() implements FlowEvent {}

    /** The customer withdrew consent (STOP handled by the messaging layer, or unsubscribed elsewhere). */
    record OptedOut() implements FlowEvent {}

    /**
     * An event the events API recorded ({@code wishlist_added}), with its properties as text: the goal of flows
     * with {@code goal: {event: <name>}}.
     */
    record Custom(String name, Map<String, String> data) implements FlowEvent {
        public Custom {
            data = Map.copyOf(data);
        }
    }
}
