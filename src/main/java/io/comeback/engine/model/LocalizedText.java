package io.comeback.engine.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A message in one or more languages, keyed by language tag ({@code nb}, {@code en}).
 * A text written as a plain string is stored under the flow's default locale.
 */
public record LocalizedText(Map<String, TextVariant> variants, SourceLocation location) {

    public LocalizedText {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /**
     * The variant for a customer's locale: exact tag, then its language ({@code nb-NO} → {@code nb}),
     * treating {@code no}/{@code nb}/{@code nn} as one Norwegian, then {@code fallbackLocale}
     * (the flow's default), then the first variant written.
     */
    public TextVariant forLocale(String customerLocale, String fallbackLocale) {
        return find(customerLocale)
                .or(() -> find(fallbackLocale))
                .orElseGet(() -> variants.values().iterator().next());
    }

    private Optional<TextVariant> find(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String normalized = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        TextVariant exact = variantIgnoringCase(normalized);
        if (exact != null) {
            return Optional.of(exact);
        }
        String language = normalized.split("-", 2)[0];
        TextVariant byLanguage = variantIgnoringCase(language);
        if (byLanguage != null) {
            return Optional.of(byLanguage);
        }
        if (language.equals("no") || language.equals("nb") || language.equals("nn")) {
            for (String norwegian : new String[] {"nb", "no", "nn"}) {
                TextVariant v = variantIgnoringCase(norwegian);
                if (v != null) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    private TextVariant variantIgnoringCase(String tag) {
        for (Map.Entry<String, TextVariant> e : variants.entrySet()) {
            if (e.getKey().equalsIgnoreCase(tag)) {
                return e.getValue();
            }
        }
        return null;
    }
}
