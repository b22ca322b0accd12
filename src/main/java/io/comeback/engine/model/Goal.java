package io.comeback.engine.model;

import java.util.Objects;

/**
 * What the flow is for. When the event happens while the customer is in the flow, the
 * enrollment exits and counts as a conversion. YAML: {@code goal: ordered} (or {@code order_placed})
 * for the events the language knows, {@code goal: {event: wishlist_added}} for any event type the
 * events API records.
 *
 * @param event       the known event; null for a recorded event type ({@code customEvent})
 * @param customEvent the event type as the events API records it; null for a known event
 */
public record Goal(EventType event, String customEvent, SourceLocation location) {

    public Goal {
        if ((event == null) == (customEvent == null)) {
            throw new IllegalArgumentException("a goal is one known event or one recorded event type");
        }
    }

    public Goal(EventType event, SourceLocation location) {
        this(Objects.requireNonNull(event, "event"), null, location);
    }

    public static Goal recorded(String eventType, SourceLocation location) {
        return new Goal(null, eventType, location);
    }

    /** The goal as written: {@code ordered}, {@code wishlist_added}. */
    public String name() {
        return event != null ? event.yamlName() : customEvent;
    }
}
