package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Appends consent changes to {@code consent_events}; never updates or deletes one (erasure only
 * removes the phone number). Callers provide the transaction, so the change and its record land together.
 */
@ApplicationScoped
public class ConsentLedger {

    /** Which kind of change a new status is, given the one before. */
    public static String changeKind(String before, String after) {
        if ("opted_out".equals(after)) {
            return "opt_out";
        }
        if ("opted_in".equals(after)) {
            return "opted_out".equals(before) ? "resubscribe" : "opt_in";
        }
        return "reset";
    }

    /** True when a stated consent is news: another status, or the same one given again at another time. */
    public static boolean isChange(String beforeStatus, Instant beforeAt, String afterStatus, Instant afterAt) {
        return !afterStatus.equals(beforeStatus) || beforeAt == null || !beforeAt.equals(afterAt);
    }

    public record Entry(
            long customerId,
            String phone,
            String before,
            String after,
            String source,
            String text,
            String keyword,
            Instant at) {}

    private final AgroalDataSource dataSource;

    public ConsentLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void append(Entry e) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement("""
                     INSERT INTO consent_events (customer_id, phone, change, status, source, text, keyword, at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            st.setLong(1, e.customerId());
            st.setString(2, e.phone());
            st.setString(3, changeKind(e.before(), e.after()));
            st.setString(4, e.after());
            st.setString(5, e.source());
            st.setString(6, e.text());
            st.setString(7, e.keyword());
            Jdbc.setInstant(st, 8, e.at());
            st.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not record consent change", ex);
        }
    }

    /** The same rules as {@link #changeKind}, in SQL, for set-based writers such as the CSV import. */
    public static final String CHANGE_KIND_SQL = """
            CASE WHEN %2$s = 'opted_out' THEN 'opt_out'
                 WHEN %2$s = 'opted_in' AND %1$s = 'opted_out' THEN 'resubscribe'
                 WHEN %2$s = 'opted_in' THEN 'opt_in'
                 ELSE 'reset' END""";
}
