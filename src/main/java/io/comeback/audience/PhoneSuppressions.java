package io.comeback.audience;

import io.comeback.support.AdvisoryLocks;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opt-outs by phone number, for numbers no customer has: a STOP from an unknown number, or the opt-out
 * of a customer who was then erased, is a ledger row with no customer, and a customer created (or
 * imported, or given that number) later starts opted out.
 *
 * <p>Such rows are found by {@code phone_hash}, the number's keyed hash ({@link PhoneHash}), never by the
 * number itself: an erased customer's row keeps only the hash. The rule: the latest number-only ledger row
 * decides whether the number is suppressed (an opt-out row suppresses; a later START from the number lifts
 * it). A customer with a suppressed number gets {@code opted_out} — recorded on the customer's own ledger
 * with the time of the original STOP — unless their consent is an explicit opt-in given <em>later</em> than
 * that STOP (the person agreed again, e.g. at checkout after texting STOP). An opt-in dated before the STOP,
 * or no consent at all, does not outweigh it.
 */
@ApplicationScoped
public class PhoneSuppressions {

    public static final String SOURCE = "opt-out by phone before the customer existed";

    private static final String LATEST = """
            SELECT status FROM consent_events WHERE customer_id IS NULL AND phone_hash = ?
            ORDER BY at DESC, id DESC LIMIT 1""";
    private static final String ANY =
            "SELECT EXISTS (SELECT 1 FROM consent_events WHERE customer_id IS NULL AND phone_hash IS NOT NULL)";
    // Numbers of one statement: the arrays of the numbers and their hashes, in the same order.
    private static final String APPLY = """
            WITH numbers AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bytea[])) AS n(phone, hash)
            ), latest AS (
                SELECT DISTINCT ON (e.phone_hash) e.phone_hash, e.status, e.at, e.keyword
                FROM consent_events e
                WHERE e.customer_id IS NULL AND e.phone_hash IN (SELECT hash FROM numbers)
                ORDER BY e.phone_hash, e.at DESC, e.id DESC
            ), hit AS (
                SELECT c.id, c.phone, l.at, l.keyword
                FROM customers c JOIN numbers n ON n.phone = c.phone JOIN latest l ON l.phone_hash = n.hash
                WHERE l.status = 'opted_out' AND c.erased_at IS NULL AND c.consent_status <> 'opted_out'
                  AND NOT (c.consent_status = 'opted_in' AND c.consent_at > l.at)
                FOR UPDATE OF c
            ), changed AS (
                UPDATE customers c SET consent_status = 'opted_out', consent_source = '%1$s', consent_text = NULL,
                    consent_at = hit.at, updated_at = now()
                FROM hit WHERE c.id = hit.id
            )
            INSERT INTO consent_events (customer_id, phone, change, status, source, keyword, at)
            SELECT id, phone, 'opt_out', 'opted_out', '%1$s', keyword, at FROM hit
            """.formatted(SOURCE);
    /** Numbers per statement when applying to a query's numbers (an import batch may hold a hundred thousand). */
    private static final int CHUNK = 10_000;

    private final PhoneHash hashes;

    public PhoneSuppressions(PhoneHash hashes) {
        this.hashes = hashes;
    }

    /**
     * Records an opt-out from a number no customer has. Serialised per number, so a STOP sent twice at
     * once is confirmed once.
     *
     * @return false when the number was already suppressed (nothing changed, nothing to confirm)
     */
    public boolean suppress(Connection c, String phone, String source, String keyword, Instant at) throws SQLException {
        return record(c, phone, "opted_out", "opt_out", source, keyword, at);
    }

    /** START from a suppressed number with no customer: the suppression is lifted. */
    public boolean lift(Connection c, String phone, String keyword, Instant at) throws SQLException {
        return record(c, phone, "opted_in", "resubscribe", "sms keyword " + keyword, keyword, at);
    }

    /**
     * Whether a number no customer has opted out, read under the number's lock, so a STOP from it committing now
     * is either seen here or waits for the caller's transaction.
     */
    public boolean isSuppressed(Connection c, String phone) throws SQLException {
        AdvisoryLocks.PHONE_SUPPRESSION.transactionLock(c, phone);
        return latest(c, hashes.of(phone)).filter("opted_out"::equals).isPresent();
    }

    private boolean record(
            Connection c, String phone, String status, String change, String source, String keyword, Instant at)
            throws SQLException {
        byte[] hash = hashes.of(phone);
        AdvisoryLocks.PHONE_SUPPRESSION.transactionLock(c, phone);
        boolean suppressed = latest(c, hash).filter("opted_out"::equals).isPresent();
        if ("opted_out".equals(status) == suppressed) {
            return false;
        }
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO consent_events (customer_id, phone, phone_hash, change, status, source, keyword, at)
                VALUES (NULL, ?, ?, ?, ?, ?, ?, ?)""")) {
            st.setString(1, phone);
            st.setBytes(2, hash);
            st.setString(3, change);
            st.setString(4, status);
            st.setString(5, source);
            st.setString(6, keyword);
            Jdbc.setInstant(st, 7, at);
            st.executeUpdate();
        }
        return true;
    }

    private static Optional<String> latest(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LATEST)) {
            st.setBytes(1, hash);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Applies suppressions to the customers who now have one of these numbers. */
    public int applyTo(Connection c, List<String> phones) throws SQLException {
        Map<String, byte[]> numbers = hashes.ofAll(phones);
        if (numbers.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement(APPLY)) {
            st.setArray(1, c.createArrayOf("text", numbers.keySet().toArray()));
            st.setArray(2, c.createArrayOf("bytea", numbers.values().toArray(new byte[0][])));
            return st.executeUpdate();
        }
    }

    /**
     * The same for the numbers of a query, e.g. an import's staging table ({@code SELECT phone FROM …}). The
     * hashes need the key, which stays in the service: the numbers are read and hashed here, in chunks, and
     * not at all while no number is suppressed.
     */
    public int applyToPhonesOf(Connection c, String phonesQuery) throws SQLException {
        if (!anySuppressed(c)) {
            return 0;
        }
        int changed = 0;
        List<String> chunk = new ArrayList<>(CHUNK);
        try (PreparedStatement st = c.prepareStatement(phonesQuery);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                chunk.add(rs.getString(1));
                if (chunk.size() == CHUNK) {
                    changed += applyTo(c, chunk);
                    chunk.clear();
                }
            }
        }
        return changed + applyTo(c, chunk);
    }

    private static boolean anySuppressed(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(ANY);
                ResultSet rs = st.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
