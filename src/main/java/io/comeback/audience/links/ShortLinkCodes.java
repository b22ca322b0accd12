package io.comeback.audience.links;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.text.LinkShape;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short link codes: the HMAC-SHA256 of what a link is ({@code e:<enrollment>:<send key>:<link name>} for a flow's
 * text) under a random key every replica shares ({@code short_link_keys}), as 12 characters of [0-9A-Za-z] — 62^12,
 * about 2^71 codes. The same link always gets the same code, so a text rendered twice carries one code and needs no
 * lookup; without the key a code cannot be derived, and with a hundred million links stored one guess in about
 * 3 · 10^13 hits one.
 */
@ApplicationScoped
public class ShortLinkCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger SPACE =
            BigInteger.valueOf(ALPHABET.length()).pow(LinkShape.CODE_LENGTH);
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{" + LinkShape.CODE_LENGTH + "}");

    private final AgroalDataSource dataSource;
    private volatile SecretKeySpec key;

    public ShortLinkCodes(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether {@code text} has the form of a code (checked before any look-up). */
    public static boolean looksLikeCode(String text) {
        return text != null && CODE.matcher(text).matches();
    }

    /** The code of a flow's link: one per enrollment, text and link name. */
    public String forFlowText(long enrollmentId, String sendKey, String linkName) {
        return code("e:" + enrollmentId + ":" + sendKey + ":" + linkName);
    }

    /** The code of a link named by {@code identity}, which must say everything that makes the link unique. */
    public String code(String identity) {
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key());
            mac = hmac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        BigInteger n = new BigInteger(1, java.util.Arrays.copyOf(mac, 16)).mod(SPACE);
        char[] code = new char[LinkShape.CODE_LENGTH];
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        for (int i = code.length - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(base);
            code[i] = ALPHABET.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(code);
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            known = new SecretKeySpec(loadOrMakeKey(), "HmacSHA256");
            key = known;
        }
        return known;
    }

    /** The first replica to need it makes the key; every other one reads that one. */
    private byte[] loadOrMakeKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO short_link_keys (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                st.setBytes(1, fresh);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("SELECT key FROM short_link_keys WHERE id = 1");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the short link key", e);
        }
    }
}
