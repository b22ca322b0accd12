package io.comeback.audience;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/** {@code comeback.erasure.*} (README "Erasure and access requests"). Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.erasure")
public interface ErasureConfig {

    /** Secret of the keyed hash an erased opted-out number is kept as; unset, a built-in key is used with a warning. */
    Optional<String> hashKey();

    /** How long an erasure waits for the person's rows held elsewhere before it gives up with 503. */
    Duration maxWait();
}
