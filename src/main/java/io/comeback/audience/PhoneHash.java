package io.comeback.audience;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keyed hash a phone number is kept as once nothing else may be kept of it: HMAC-SHA256 of the E.164
 * form under {@code comeback.erasure.hash-key}. Numbers are few enough to hash them all, so a plain hash
 * would be reversed by trying every number; the secret key is what stops that. The same number always
 * gives the same hash under one key, which is how an erased opt-out still suppresses the number.
 */
@ApplicationScoped
public class PhoneHash {

    private static final Logger LOG = Logger.getLogger(PhoneHash.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** Only when no key is configured outside dev and test; a warning says so at start. */
    static final String FALLBACK_KEY = "comeback-erasure-hash-key-not-set";

    private final SecretKeySpec key;

    // Optional: application.properties sets the property to ${COMEBACK_ERASURE_HASH_KEY:}, which is no value at all
    // when the variable is unset, and a String injection point then failed the start instead of using the fallback.
    public PhoneHash(@ConfigProperty(name = "comeback.erasure.hash-key") Optional<String> setting) {
        String configured = setting.orElse("");
        String secret = configured.isBlank() ? FALLBACK_KEY : configured;
        if (configured.isBlank()) {
            LOG.warn("COMEBACK_ERASURE_HASH_KEY (comeback.erasure.hash-key) is not set: the opted-out numbers of erased "
                    + "customers are kept as hashes under a built-in key, which anyone can reverse by hashing every "
                    + "number. Set a long random secret, and keep it: a new key no longer recognises those numbers.");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        of("+0"); // fail at start, not at the first erasure, if the JDK lacks the algorithm
    }

    /** The keyed hash of a number in E.164 form ({@code +4791234567}). */
    public byte[] of(String e164) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(e164.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** Each distinct number (nulls and blanks left out) with its hash, in the order given. */
    public Map<String, byte[]> ofAll(Collection<String> numbers) {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        for (String number : numbers) {
            if (number != null && !number.isBlank()) {
                hashes.computeIfAbsent(number, this::of);
            }
        }
        return hashes;
    }
}
