package io.comeback.web.access;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code comeback.admin.*}: the first dashboard admin, created at start while there are no users. No default
 * outside dev and test.
 */
@ConfigMapping(prefix = "comeback.admin")
public interface AdminConfig {

    Optional<String> username();

    Optional<String> password();
}
