package io.comeback.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * {@code comeback.keywords.*} (README "Consent and opt-out"): the standing keyword sets, globally and per country
 * of the texting number, and how long a keyword sign-up may be confirmed. Defaults are in application.properties; a
 * set left empty falls back to the engine's own vocabulary. What the service answers is {@link RepliesConfig}.
 */
@ConfigMapping(prefix = "comeback.keywords")
public interface KeywordsConfig {

    /** How long the question a keyword sign-up is asked (reply YES / JA) may be answered. */
    java.time.Duration confirmWithin();

    /** Comma-separated opt-out words for every country. */
    Optional<String> optOut();

    Optional<String> resubscribe();

    Optional<String> help();

    /** Comma-separated answers that confirm a keyword sign-up (YES, JA). */
    Optional<String> confirm();

    /** {@code comeback.keywords.<COUNTRY>.opt-out} …: replaces a set for numbers of one country (ISO 3166 code). */
    @WithParentName
    Map<String, CountrySets> countries();

    interface CountrySets {

        Optional<String> optOut();

        Optional<String> resubscribe();

        Optional<String> help();

        Optional<String> confirm();
    }
}
