package io.comeback.engine.run;

import io.comeback.engine.text.LinkShape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * How the links of a text being sent appear in it: each {@code {{ link.name }}} as a short link made for this
 * recipient and this text, and {@code {{ referral.code }}} / {@code {{ referral.link }}} as the customer's own referral
 * code and link. The runtime supplies one that stores what it makes; {@link #untracked()} leaves links as written and
 * knows no referral codes; {@link #preview(LinkShape)} makes links of the real shape and stores nothing (simulations).
 */
public interface TextLinks {

    /**
     * One link of one text. A real implementation gives the same request the same link, so a text rendered again (a
     * retried batch) carries the same code; {@code sendKey} is the text's ledger key ({@link Decision.Send#ledgerKey()}).
     */
    record LinkRequest(
            String flowId, String customerId, String stepId, String sendKey, String linkName, String target) {}

    /**
     * What the text carries for a link: {@code url}. {@code code} is null when the link is not tracked ({@code url}
     * is then the target as written).
     */
    record ShortLink(String linkName, String target, String code, String url) {
        public boolean tracked() {
            return code != null;
        }
    }

    /** A customer's referral code and the link that lands with it at the shop (null when there is none). */
    record Referral(String code, String link) {}

    ShortLink shorten(LinkRequest request);

    /** The customer's referral code and link; empty when referrals are not available. */
    Optional<Referral> referral(String customerId);

    /** Links as written, no referral codes. */
    static TextLinks untracked() {
        return new TextLinks() {
            @Override
            public ShortLink shorten(LinkRequest request) {
                return new ShortLink(request.linkName(), request.target(), null, request.target());
            }

            @Override
            public Optional<Referral> referral(String customerId) {
                return Optional.empty();
            }
        };
    }

    /**
     * Links and referral codes of the shape the service sends, derived from a hash of the request so a simulation is
     * repeatable, and stored nowhere: a preview's link leads nowhere.
     */
    static TextLinks preview(LinkShape shape) {
        return new TextLinks() {
            @Override
            public ShortLink shorten(LinkRequest request) {
                if (!shape.tracked()) {
                    return untracked().shorten(request);
                }
                String code = derived(
                        request.flowId() + "|" + request.customerId() + "|" + request.sendKey() + "|"
                                + request.linkName(),
                        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                        shape.codeLength());
                return new ShortLink(request.linkName(), request.target(), code, shape.link(request.target(), code));
            }

            @Override
            public Optional<Referral> referral(String customerId) {
                String code = derived(
                        "referral|" + customerId, "23456789ABCDEFGHJKMNPQRSTUVWXYZ", shape.referralCodeLength());
                return Optional.of(new Referral(code, shape.referralLink(code).orElse(null)));
            }
        };
    }

    private static String derived(String seed, String alphabet, int length) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(Math.floorMod(hash[i % hash.length], alphabet.length())));
        }
        return code.toString();
    }
}
