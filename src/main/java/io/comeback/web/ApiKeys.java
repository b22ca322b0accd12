package io.comeback.web;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/** The configured API keys ({@code COMEBACK_API_KEYS}, comma-separated). */
@ApplicationScoped
public class ApiKeys {

    private final List<byte[]> keys;

    public ApiKeys(ApiKeysConfig config) {
        this.keys = Arrays.stream(config.keys().orElse("").split(","))
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    public boolean accepts(String candidate) {
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        // Compare against every key in constant time so timing reveals nothing about valid keys.
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }

    void warnWhenLockedOut(@Observes StartupEvent event) {
        if (keys.isEmpty()) {
            Logger.getLogger(ApiKeys.class)
                    .warn("COMEBACK_API_KEYS is empty: every /api and /simulator call will be refused with 401");
        }
    }
}
