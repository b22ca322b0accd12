package io.comeback.engine.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pattern for one {@link TimelineEntry}: every field that is set must match (null fields match
 * anything). {@code text} matches when the entry's text contains it; the others must be equal.
 */
public record Expectation(
        Instant at, String kind, String step, String text, String attribute, String value, String reason) {

    public boolean matches(TimelineEntry entry) {
        return (at == null || at.equals(entry.at()))
                && (kind == null || kind.equals(entry.kind()))
                && (step == null || step.equals(entry.step()))
                && (text == null || (entry.text() != null && entry.text().contains(text)))
                && (attribute == null || attribute.equals(entry.attribute()))
                && (value == null || value.equals(entry.value()))
                && (reason == null || reason.equals(entry.reason()));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        add(parts, "at", at);
        add(parts, "kind", kind);
        add(parts, "step", step);
        add(parts, "text contains", text == null ? null : "\"" + text + "\"");
        add(parts, "attribute", attribute);
        add(parts, "value", value);
        add(parts, "reason", reason);
        return "{" + String.join(", ", parts) + "}";
    }

    static String describe(TimelineEntry entry) {
        List<String> parts = new ArrayList<>();
        add(parts, "at", entry.at());
        add(parts, "kind", entry.kind());
        add(parts, "step", entry.step());
        add(parts, "text", entry.text() == null ? null : "\"" + entry.text() + "\"");
        add(parts, "attribute", entry.attribute());
        add(parts, "value", entry.value());
        add(parts, "reason", entry.reason());
        return "{" + String.join(", ", parts) + "}";
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + ": " + Objects.toString(value));
        }
    }
}
