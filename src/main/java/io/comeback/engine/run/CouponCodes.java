package io.comeback.engine.run;

import io.comeback.engine.model.CouponSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Issues the unique coupon code a {@code send} step with a {@code coupon} shows. The runtime
 * supplies one that reserves codes in the database; the engine and the simulator use
 * {@link #deterministic()}.
 */
public interface CouponCodes {

    /** What the code is for; the same request must not be issued twice by a real implementation. */
    record CouponRequest(String flowId, String customerId, String stepId) {}

    String issue(CouponSpec spec, CouponRequest request);

    /**
     * Prefix plus {@code spec.length()} characters derived from a hash of the request: the same
     * customer in the same flow always gets the same code, so simulations and tests are repeatable.
     * The alphabet leaves out look-alikes (0/O, 1/I/L) that customers mistype.
     */
    static CouponCodes deterministic() {
        return (spec, request) -> {
            String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
            byte[] hash = sha256(request.flowId() + "|" + request.customerId() + "|" + request.stepId());
            StringBuilder code = new StringBuilder(spec.prefix());
            for (int i = 0; i < spec.length(); i++) {
                code.append(alphabet.charAt(Math.floorMod(hash[i % hash.length] + i * 31, alphabet.length())));
            }
            return code.toString();
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
