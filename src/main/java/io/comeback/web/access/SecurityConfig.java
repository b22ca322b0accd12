package io.comeback.web.access;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.security.*} (README "Security"). Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.security")
public interface SecurityConfig {

    /** bcrypt cost of new password hashes. */
    int passwordCost();

    /** How long a verified API key is trusted without asking the database. */
    Duration keyCache();

    Throttle throttle();

    /** Failed logins and key checks: past a limit within the window, that client address or account gets 429. */
    interface Throttle {

        Duration window();

        int clientFailures();

        int accountFailures();
    }
}
