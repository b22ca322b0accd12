package io.comeback.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** {@code comeback.gateway}: the {@code @Named} gateway texts go through. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.gateway")
public interface GatewayConfig {

    /** {@code simulator} or {@code twilio}. */
    @WithParentName
    String name();
}
