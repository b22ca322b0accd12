package io.comeback.engine.text;

import java.util.Optional;

/**
 * What {@code {{ link.* }}}, {@code {{ referral.code }}} and {@code {{ referral.link }}} become in a text that is sent,
 * in shape only: the validator and previews count SMS segments with it before any link exists. With a base URL a
 * link is the service's short link ({@code <base>/l/} and {@code codeLength} characters) whatever its target; without
 * one it stays the target as written.
 *
 * @param base               the public base URL of short links, without a trailing slash; null when links are not
 *                           tracked
 * @param codeLength         characters of a short link's code
 * @param referralCodeLength characters of a referral code
 */
public record LinkShape(String base, int codeLength, int referralCodeLength) {

    /** Characters of a short link's code: 12 of 62 letters and digits, 71 bits. */
    public static final int CODE_LENGTH = 12;

    /** Characters of a referral code: 8 of the 31 that cannot be mistaken for each other, 39 bits. */
    public static final int REFERRAL_CODE_LENGTH = 8;

    /** Links left as written: the service has no public base URL. */
    public static final LinkShape UNTRACKED = new LinkShape(null, CODE_LENGTH, REFERRAL_CODE_LENGTH);

    /** Short links on {@code baseUrl}; blank or null means untracked. A trailing slash is dropped. */
    public static LinkShape on(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return UNTRACKED;
        }
        String trimmed = baseUrl.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return new LinkShape(trimmed, CODE_LENGTH, REFERRAL_CODE_LENGTH);
    }

    public boolean tracked() {
        return base != null;
    }

    /** The short link of {@code code}, or the target itself when links are not tracked. */
    public String link(String target, String code) {
        return tracked() ? base + "/l/" + code : target;
    }

    /** The referral link of {@code code}; empty without a base URL (there is nowhere for it to land). */
    public Optional<String> referralLink(String code) {
        return tracked() ? Optional.of(base + "/r/" + code) : Optional.empty();
    }

    /** A link as long as the ones sent, for counting segments. */
    public String sampleLink(String target) {
        return link(target, "x".repeat(codeLength));
    }

    public String sampleReferralCode() {
        return "X".repeat(referralCodeLength);
    }

    /** Without a base URL no referral link is sent; counted as an address of a usual length all the same. */
    public String sampleReferralLink() {
        return referralLink(sampleReferralCode()).orElse("https://example.com/r/" + sampleReferralCode());
    }
}
