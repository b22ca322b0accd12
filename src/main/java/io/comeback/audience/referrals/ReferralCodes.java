package io.comeback.audience.referrals;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.text.LinkShape;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each customer's referral code: 8 random characters of the 31 that cannot be mistaken for each other (31^8, about
 * 2^40), made the first time a text, the API or the report needs it and never changed. The database decides
 * uniqueness, as for coupons: a code is inserted with {@code ON CONFLICT DO NOTHING}, then read back.
 */
@ApplicationScoped
public class ReferralCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final Pattern CODE = Pattern.compile("[" + ALPHABET + "]{" + LinkShape.REFERRAL_CODE_LENGTH + "}");
    private static final int ATTEMPTS = 20;

    private final AgroalDataSource dataSource;
    private final ShortLinkForm links;
    private final ReferralsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ReferralCodes(AgroalDataSource dataSource, ShortLinkForm links, ReferralsConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    /** A code as a person may type it: trimmed and in capitals; empty when it cannot be a code. */
    public static Optional<String> normalized(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String code = text.trim().toUpperCase(Locale.ROOT);
        return CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    /** The customer's code, made now if they have none. In a transaction of its own unless the caller has one. */
    public String codeFor(long customerId) {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Optional<String> known = existing(c, customerId);
                if (known.isPresent()) {
                    return known.get();
                }
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO referral_codes (customer_id, code, created_at) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")) {
                    String code = fresh();
                    st.setLong(1, customerId);
                    st.setString(2, code);
                    Jdbc.setInstant(st, 3, clock.instant());
                    if (st.executeUpdate() == 1) {
                        return code;
                    }
                }
                // Nothing inserted: another request made the customer's code meanwhile (read next round), or the
                // code drawn belongs to someone else (draw again).
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the referral code of customer " + customerId, e);
        }
        throw new IllegalStateException("No free referral code after " + ATTEMPTS + " attempts");
    }

    private static Optional<String> existing(Connection c, long customerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT code FROM referral_codes WHERE customer_id = ?")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The link that lands a friend at the shop with {@code code}: the service's {@code /r/<code>} when it has a public
     * base URL, else the landing URL with the code; empty when no landing URL is set.
     */
    public Optional<String> link(String code) {
        if (config.landingUrl().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> viaService = links.shape().referralLink(code);
        return viaService.isPresent() ? viaService : Optional.of(landing(code));
    }

    /** The landing URL with the code as its {@code parameter}; the URL's own parameters stay. */
    public String landing(String code) {
        String url = config.landingUrl().orElseThrow();
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        String separator = !base.contains("?") ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
        return base + separator + URLEncoder.encode(config.parameter(), StandardCharsets.UTF_8) + "=" + code + fragment;
    }

    /** Whether referral links can be followed at all (a landing URL is set). */
    public boolean landingKnown() {
        return config.landingUrl().isPresent();
    }

    private String fresh() {
        char[] code = new char[LinkShape.REFERRAL_CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }
}
