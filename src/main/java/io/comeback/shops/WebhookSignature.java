package io.comeback.shops;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature both shops put on a delivery: the base64 HMAC-SHA256 of the raw body, keyed with the webhook secret.
 * Checked on the bytes as received, before anything parses them, and compared in constant time.
 */
public final class WebhookSignature {

    private final Optional<SecretKeySpec> key;

    public WebhookSignature(Optional<String> secret) {
        this.key = secret.filter(s -> !s.isBlank())
                .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** Whether {@code signature} is the body's; false when no secret is configured or the header is not base64. */
    public boolean matches(byte[] body, String signature) {
        if (key.isEmpty() || signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), given);
    }

    /** The signature of {@code body}, as a shop computes it. */
    public byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.orElseThrow());
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
