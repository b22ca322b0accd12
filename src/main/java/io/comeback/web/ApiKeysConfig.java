package io.comeback.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Optional;

/** {@code comeback.api-keys}: comma-separated bootstrap admin API keys. No default outside dev and test. */
@ConfigMapping(prefix = "comeback.api-keys")
public interface ApiKeysConfig {

    @WithParentName
    Optional<String> keys();
}
