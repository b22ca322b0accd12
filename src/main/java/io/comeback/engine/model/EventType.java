package io.comeback.engine.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Things a customer does that flows react to: as a {@code goal}, or in a {@code branch}
 * condition ({@code event: clicked} — "has clicked since entering this flow").
 */
public enum EventType {
    ORDERED("ordered", "order_placed"),
    CLICKED("clicked", "link_clicked"),
    REPLIED("replied"),
    SITE_VISIT("site_visit", "visited");

    private final String yamlName;
    private final List<String> aliases;

    EventType(String yamlName, String... aliases) {
        this.yamlName = yamlName;
        this.aliases = List.of(aliases);
    }

    public String yamlName() {
        return yamlName;
    }

    /** Every spelling the language accepts, canonical name first. */
    public List<String> spellings() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(yamlName), aliases.stream())
                .toList();
    }

    public static Optional<EventType> fromYaml(String text) {
        return Arrays.stream(values()).filter(t -> t.spellings().contains(text)).findFirst();
    }

    public static List<String> allSpellings() {
        return Arrays.stream(values()).flatMap(t -> t.spellings().stream()).toList();
    }
}
