package io.comeback.engine.model;

/**
 * What the flow is for. When the event happens while the customer is in the flow, the
 * enrollment exits and counts as a conversion. YAML: {@code goal: ordered} (or {@code order_placed}).
 */
public record Goal(EventType event, SourceLocation location) {
}
