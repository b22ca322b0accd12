package io.comeback.audience;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.language-coverage.*}: the language warnings of marketing flows ({@link LanguageReach}). */
@ConfigMapping(prefix = "comeback.language-coverage")
public interface LanguageReachConfig {

    /** The smallest share (0–1) of the customers who can enter that a language needs before its gap is warned of. */
    double minShare();

    /** How long the counts of a flow's customers by language are kept before they are read again. */
    Duration cache();
}
