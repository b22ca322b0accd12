package io.comeback.gateway.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Optional;

/**
 * {@code comeback.public-url}: the base URL the provider calls, exactly as configured there; callback URLs are built
 * from it and webhook signatures are checked against it. No default.
 */
@ConfigMapping(prefix = "comeback.public-url")
public interface PublicUrlConfig {

    @WithParentName
    Optional<String> url();
}
