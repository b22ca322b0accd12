package io.comeback.audience;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class Locales {
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Map<String, Optional<String>> SEEN = new ConcurrentHashMap<>();

    private Locales() {}

    /** A BCP 47 tag in canonical case ({@code NB_no} → {@code nb-NO}), or empty when it names no language. */
    public static Optional<String> normalize(String raw) {
        // A file of a million customers holds a handful of distinct locales: each is worked out once.
        Optional<String> known = SEEN.get(raw);
        if (known != null) {
            return known;
        }
        Optional<String> tag = parse(raw);
        if (SEEN.size() < 1000) {
            SEEN.put(raw, tag);
        }
        return tag;
    }

    private static Optional<String> parse(String raw) {
        Locale locale = Locale.forLanguageTag(raw.trim().replace('_', '-'));
        if (locale.getLanguage().isEmpty() || !LANGUAGES.contains(locale.getLanguage())) {
            return Optional.empty();
        }
        return Optional.of(locale.toLanguageTag());
    }
}
