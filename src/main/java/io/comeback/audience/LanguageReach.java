package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.validate.LanguageCoverage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The languages of the customers who can enter a marketing flow, and the ones the flow has no text in: "12 % of
 * customers who can enter read Swedish (sv); this flow has no sv text: they get nb". Who can enter: living customers
 * with a number, opted in, matching the flow's audience conditions (as {@link ConditionSql} judges them at entry);
 * their language is their stored {@code locale}'s (set from the phone number's country when none was given, as the
 * runtime reads it). What a reader of a language gets is chosen as at runtime ({@link LanguageCoverage}). The counts
 * are one grouped scan per flow, kept for {@code comeback.language-coverage.cache}.
 */
@ApplicationScoped
public class LanguageReach {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LanguageReach.class);

    /**
     * @param language  the language the flow lacks (lower case)
     * @param customers how many of the customers who can enter read it
     * @param share     their share of all who can enter (0–1)
     * @param steps     the steps whose text lacks it
     * @param fallback  what they get instead
     * @param message   the warning, in words
     */
    public record Warning(
            String language, long customers, double share, List<String> steps, List<String> fallback, String message) {}

    private record Counts(String version, Instant readAt, long total, Map<String, Long> byLanguage) {}

    private static final String COUNT = """
            SELECT lower(split_part(c.locale, '-', 1)) AS language, count(*)
            FROM customers c
            WHERE c.erased_at IS NULL AND c.phone IS NOT NULL AND c.consent_status = 'opted_in' AND (%s) IS NOT FALSE
            GROUP BY 1 ORDER BY 2 DESC, 1
            """;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Map<String, String> globals;
    private final double minShare;
    private final Duration cache;
    private final Map<String, Counts> counted = new ConcurrentHashMap<>();

    public LanguageReach(
            AgroalDataSource dataSource, Clock clock, ShopNameConfig shopName, LanguageReachConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.globals = shopName.globals();
        this.minShare = config.minShare();
        this.cache = config.cache();
    }

    /** The flow's language warnings, most read language first; none for a flow that is not marketing. */
    public List<Warning> warnings(Flow flow) {
        if (!flow.settings().isMarketing()) {
            return List.of();
        }
        Counts counts = counts(flow);
        List<Warning> warnings = new ArrayList<>();
        if (counts.total() == 0) {
            return warnings;
        }
        for (Map.Entry<String, Long> language : counts.byLanguage().entrySet()) {
            double share = (double) language.getValue() / counts.total();
            if (share < minShare) {
                continue;
            }
            LanguageCoverage.gaps(flow, List.of(language.getKey()))
                    .forEach(gap -> warnings.add(new Warning(
                            gap.language(),
                            language.getValue(),
                            share,
                            gap.steps(),
                            gap.fallback(),
                            gap.warning(share))));
        }
        return warnings;
    }

    private Counts counts(Flow flow) {
        Instant now = clock.instant();
        Counts known = counted.get(flow.id());
        if (known != null
                && known.version().equals(flow.version())
                && !now.isBefore(known.readAt())
                && now.isBefore(known.readAt().plus(cache))) {
            return known;
        }
        Counts fresh = read(flow, now);
        counted.put(flow.id(), fresh);
        return fresh;
    }

    private Counts read(Flow flow, Instant now) {
        String audience = new ConditionSql("CAST('" + now + "' AS timestamptz)", globals, flow.links())
                .all(flow.entry().audience());
        Map<String, Long> byLanguage = new LinkedHashMap<>();
        long total = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(COUNT.formatted(audience));
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String language = rs.getString(1);
                total += rs.getLong(2);
                // Customers without a language get the flow's default: nothing to warn of.
                if (language != null && !language.isEmpty()) {
                    byLanguage.put(language, rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            // A condition the data cannot answer (an attribute compared as a number holds text) fails the flow's
            // entries too, and shows there; it must not take the flow list down with it. No warnings, then.
            LOG.warnf("Could not count the languages of flow %s's customers: %s", flow.id(), e.getMessage());
            return new Counts(flow.version(), now, 0, Map.of());
        }
        return new Counts(flow.version(), now, total, byLanguage);
    }
}
