package io.comeback.audience;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Opt-outs by phone number, for numbers no customer has: a STOP from an unknown number is recorded in
 * the consent ledger with no customer, and a customer created (or imported, or given that number)
 * later starts opted out.
 *
 * <p>The rule: the latest number-only ledger row decides whether the number is suppressed (an opt-out
 * row suppresses; a later START from the number lifts it). A customer with a suppressed number gets
 * {@code opted_out} — recorded on the customer's own ledger with the time of the original STOP —
 * unless their consent is an explicit opt-in given <em>later</em> than that STOP (the person agreed
 * again, e.g. at checkout after texting STOP). An opt-in dated before the STOP, or no consent at all,
 * does not outweigh it.
 */
public final class PhoneSuppressions {

    public static final String SOURCE = "opt-out by phone before the customer existed";

    private static final String LATEST = """
            SELECT status FROM consent_events WHERE customer_id IS NULL AND phone = ?
            ORDER BY at DESC, id DESC LIMIT 1""";

    /** %s: a query giving the phone numbers to look at (a parameter array, or an import's staging table). */
    private static final String APPLY = """
            WITH latest AS (
                SELECT DISTINCT ON (e.phone) e.phone, e.status, e.at, e.keyword
                FROM consent_events e
                WHERE e.customer_id IS NULL AND e.phone IN (%s)
                ORDER BY e.phone, e.at DESC, e.id DESC
            ), hit AS (
                SELECT c.id, c.phone, l.at, l.keyword
                FROM customers c JOIN latest l ON l.phone = c.phone
                WHERE l.status = 'opted_out' AND c.erased_at IS NULL AND c.consent_status <> 'opted_out'
                  AND NOT (c.consent_status = 'opted_in' AND c.consent_at > l.at)
                FOR UPDATE OF c
            ), changed AS (
                UPDATE customers c SET consent_status = 'opted_out', consent_source = '%s', consent_text = NULL,
                    consent_at = hit.at, updated_at = now()
                FROM hit WHERE c.id = hit.id
            )
            INSERT INTO consent_events (customer_id, phone, change, status, source, keyword, at)
            SELECT id, phone, 'opt_out', 'opted_out', '%2$s', keyword, at FROM hit
            """;

    private PhoneSuppressions() {
    }

    /**
     * Records an opt-out from a number no customer has. Serialised per number, so a STOP sent twice at
     * once is confirmed once.
     *
     * @return false when the number was already suppressed (nothing changed, nothing to confirm)
     */
    public static boolean suppress(Connection c, String phone, String source, String keyword, Instant at)
            throws SQLException {
        return record(c, phone, "opted_out", "opt_out", source, keyword, at);
    }

    /** START from a suppressed number with no customer: the suppression is lifted. */
    public static boolean lift(Connection c, String phone, String keyword, Instant at) throws SQLException {
        return record(c, phone, "opted_in", "resubscribe", "sms keyword " + keyword, keyword, at);
    }

    private static boolean record(Connection c, String phone, String status, String change, String source,
                                  String keyword, Instant at) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('suppression:' || ?))")) {
            lock.setString(1, phone);
            lock.execute();
        }
        Optional<String> latest = latest(c, phone);
        boolean suppressed = latest.filter("opted_out"::equals).isPresent();
        if ("opted_out".equals(status) == suppressed) {
            return false;
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO consent_events (customer_id, phone, change, status, source, keyword, at)
                VALUES (NULL, ?, ?, ?, ?, ?, ?)""")) {
            st.setString(1, phone);
            st.setString(2, change);
            st.setString(3, status);
            st.setString(4, source);
            st.setString(5, keyword);
            Jdbc.setInstant(st, 6, at);
            st.executeUpdate();
        }
        return true;
    }

    private static Optional<String> latest(Connection c, String phone) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LATEST)) {
            st.setString(1, phone);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Applies suppressions to the customers who now have one of these numbers. */
    public static int applyTo(Connection c, List<String> phones) throws SQLException {
        List<String> numbers = phones.stream().filter(p -> p != null && !p.isBlank()).distinct().toList();
        if (numbers.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement(APPLY.formatted("SELECT unnest(CAST(? AS text[]))", SOURCE))) {
            st.setArray(1, c.createArrayOf("text", numbers.toArray()));
            return st.executeUpdate();
        }
    }

    /** The same for the numbers of a query, e.g. an import's staging table ({@code SELECT phone FROM …}). */
    public static int applyToPhonesOf(Connection c, String phonesQuery) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(APPLY.formatted(phonesQuery, SOURCE))) {
            return st.executeUpdate();
        }
    }
}
