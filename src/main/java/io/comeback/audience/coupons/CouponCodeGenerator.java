package io.comeback.audience.coupons;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Random code characters from the configured alphabet. Random rather than derived, so a code
 * cannot be guessed from another; uniqueness is the database's job ({@link CouponService}).
 */
@ApplicationScoped
public class CouponCodeGenerator {

    /** Characters customers confuse when reading a text aloud or typing it. */
    static final String LOOK_ALIKES = "0O1IL";

    private final SecureRandom random = new SecureRandom();
    private final String alphabet;

    public CouponCodeGenerator(CouponsConfig config) {
        String alphabet = config.alphabet();
        String upper = alphabet.toUpperCase(Locale.ROOT);
        if (upper.chars().distinct().count() != upper.length()
                || upper.length() < 10
                || upper.chars().anyMatch(c -> LOOK_ALIKES.indexOf(c) >= 0 || !Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException(
                    "comeback.coupons.alphabet must be at least 10 distinct letters or digits "
                            + "without the look-alikes " + LOOK_ALIKES + ": " + alphabet);
        }
        this.alphabet = upper;
    }

    String code(String prefix, int length) {
        StringBuilder code = new StringBuilder(prefix.toUpperCase(Locale.ROOT));
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
