package io.comeback.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message in one or more languages, keyed by language tag ({@code nb}, {@code en}).
 * A text written as a plain string is stored under the flow's default locale.
 */
public record LocalizedText(Map<String, TextVariant> variants, SourceLocation location) {

    public LocalizedText {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /**
     * The variant for a customer's locale: the closest language written ({@link Languages#closest}: exact tag, its
     * language, the same language under another tag, its family — a Dane gets Danish, else Norwegian or Swedish),
     * then {@code fallbackLocale} (the flow's default) the same way, then the first variant written.
     */
    public TextVariant forLocale(String customerLocale, String fallbackLocale) {
        return Languages.closest(customerLocale, variants.keySet())
                .or(() -> Languages.closest(fallbackLocale, variants.keySet()))
                .map(variants::get)
                .orElseGet(() -> variants.values().iterator().next());
    }
}
