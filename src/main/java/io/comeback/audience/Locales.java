package io.comeback.audience;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

final class Locales {
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private Locales() {
    }

    /** A BCP 47 tag in canonical case ({@code NB_no} → {@code nb-NO}), or empty when it names no language. */
    static Optional<String> normalize(String raw) {
        Locale locale = Locale.forLanguageTag(raw.trim().replace('_', '-'));
        if (locale.getLanguage().isEmpty() || !LANGUAGES.contains(locale.getLanguage())) {
            return Optional.empty();
        }
        return Optional.of(locale.toLanguageTag());
    }
}
