package io.comeback.audience.links;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code comeback.links.*} (README "Links"): where short links live and the UTM parameters their redirect adds. The
 * base URL defaults to {@code COMEBACK_PUBLIC_URL}; without either, links are sent as written and not tracked.
 */
@ConfigMapping(prefix = "comeback.links")
public interface LinksConfig {

    /** The public base URL of {@code /l/<code>} and {@code /r/<code>}, e.g. {@code https://go.example.com}. */
    Optional<String> baseUrl();

    /** {@code utm_source} of a redirect. */
    String utmSource();

    /** {@code utm_medium} of a redirect. */
    String utmMedium();
}
