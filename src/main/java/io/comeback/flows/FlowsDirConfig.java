package io.comeback.flows;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** {@code comeback.flows-dir}: the folder of flow files. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.flows-dir")
public interface FlowsDirConfig {

    @WithParentName
    String folder();
}
