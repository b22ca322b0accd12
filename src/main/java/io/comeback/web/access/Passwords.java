package io.comeback.web.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** bcrypt (BouncyCastle's OpenBSD implementation): slow on purpose, salted, and the cost is in each hash. */
@ApplicationScoped
public class Passwords {

    /** Shorter passwords are refused; bcrypt reads at most 72 bytes, so longer ones are refused too rather than cut. */
    public static final int MIN_LENGTH = 10;

    public static final int MAX_BYTES = 72;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the user does not exist, so a wrong name takes as long as a wrong password. */
    private final String decoy;

    private final int cost;

    public Passwords(SecurityConfig config) {
        this.cost = config.passwordCost();
        this.decoy = hash("decoy-password-never-used");
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    public boolean matches(String password, String hash) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one check without a user, so timing does not tell which names exist. */
    public void spendOneCheck(String password) {
        matches(password, decoy);
    }

    /** Why this password cannot be used, or null. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes (bcrypt reads no further)";
        }
        return null;
    }
}
