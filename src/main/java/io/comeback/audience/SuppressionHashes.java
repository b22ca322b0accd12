package io.comeback.audience;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At start, gives every number-only consent row that still shows its number the keyed hash suppressions
 * are found by ({@link PhoneSuppressions}): rows written before hashes existed, and rows hashed under an
 * earlier {@code comeback.erasure.hash-key}. Before the service takes requests, so the first sign-up is
 * already checked against them; idempotent, so replicas starting together do no harm. Erased numbers
 * exist only as hashes and cannot be hashed again: a new key no longer recognises them.
 */
@ApplicationScoped
public class SuppressionHashes {

    private static final Logger LOG = Logger.getLogger(SuppressionHashes.class);
    private static final int CHUNK = 10_000;

    private final AgroalDataSource dataSource;
    private final PhoneHash hashes;

    public SuppressionHashes(AgroalDataSource dataSource, PhoneHash hashes) {
        this.dataSource = dataSource;
        this.hashes = hashes;
    }

    void onStart(@Observes StartupEvent event) {
        try (Connection c = dataSource.getConnection()) {
            int updated = refresh(c);
            if (updated > 0) {
                LOG.infof("Hashed the numbers of %d opt-outs by phone", updated);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hash the numbers of opt-outs by phone", e);
        }
    }

    /** @return how many numbers got a new hash */
    public int refresh(Connection c) throws SQLException {
        List<String> phones = new ArrayList<>();
        List<byte[]> fresh = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT DISTINCT phone, phone_hash FROM consent_events WHERE customer_id IS NULL AND phone IS NOT NULL""");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                byte[] hash = hashes.of(rs.getString(1));
                if (!Arrays.equals(hash, rs.getBytes(2))) {
                    phones.add(rs.getString(1));
                    fresh.add(hash);
                }
            }
        }
        for (int from = 0; from < phones.size(); from += CHUNK) {
            int to = Math.min(phones.size(), from + CHUNK);
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE consent_events e SET phone_hash = u.hash
                    FROM unnest(CAST(? AS text[]), CAST(? AS bytea[])) AS u(phone, hash)
                    WHERE e.customer_id IS NULL AND e.phone = u.phone""")) {
                st.setArray(1, c.createArrayOf("text", phones.subList(from, to).toArray()));
                st.setArray(2, c.createArrayOf("bytea", fresh.subList(from, to).toArray(new byte[0][])));
                st.executeUpdate();
            }
        }
        return phones.size();
    }
}
