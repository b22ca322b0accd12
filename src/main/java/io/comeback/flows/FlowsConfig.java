package io.comeback.flows;

import io.smallrye.config.ConfigMapping;

/** {@code comeback.flows.*}. The default is in application.properties; the folder is {@link FlowsDirConfig}. */
@ConfigMapping(prefix = "comeback.flows")
public interface FlowsConfig {

    /** Reload the flows when the folder changes ({@code POST /api/flows/reload} does it by hand). */
    boolean watch();
}
