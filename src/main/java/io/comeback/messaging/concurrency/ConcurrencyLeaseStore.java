package io.comeback.messaging.concurrency;

import io.comeback.support.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The replicas' shares of the provider's concurrency limit in {@code provider_concurrency_leases} (V220). A renewal
 * runs under one cluster-wide transaction lock: it deletes the leases that lapsed, divides the limit among the
 * living by demand ({@link LeaseShares}) and takes at most what the others leave free. Times are the database's,
 * so replicas whose clocks disagree still agree on when a lease lapsed.
 */
final class ConcurrencyLeaseStore {

    /**
     * What a renewal settled.
     *
     * @param usable   sends this replica may start from now on
     * @param recorded permits its row holds: {@code usable}, or more while sends started under a larger share are
     *                 still in flight
     * @param target   its fair share; more than {@code usable} while others still hold part of it
     * @param holders  replicas holding a lease, this one included
     * @param lapsed   leases of other replicas deleted because they were not renewed in time
     */
    record Renewal(int usable, int recorded, int target, int holders, int lapsed) {}

    private static final String LAPSED = """
            DELETE FROM provider_concurrency_leases WHERE expires_at < clock_timestamp() AND holder <> ?""";
    private static final String OTHERS = """
            SELECT holder, permits, wanted FROM provider_concurrency_leases WHERE holder <> ?""";
    private static final String UPSERT = """
            INSERT INTO provider_concurrency_leases (holder, permits, wanted, expires_at, renewed_at)
            VALUES (?, ?, ?, clock_timestamp() + make_interval(secs => ?), clock_timestamp())
            ON CONFLICT (holder) DO UPDATE SET permits = excluded.permits, wanted = excluded.wanted,
                expires_at = excluded.expires_at, renewed_at = excluded.renewed_at""";

    private ConcurrencyLeaseStore() {}

    /**
     * Renews this replica's lease in one transaction on {@code c}.
     *
     * @param wanted  sends this replica could have in flight now
     * @param granted called with what this replica may start from now on (before the commit, so that it never starts
     *                more than its row will record); answers how many it has in flight right now
     */
    static Renewal renew(Connection c, String holder, int limit, int wanted, Duration lease, IntUnaryOperator granted)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                st.setLong(1, AdvisoryLocks.PROVIDER_CONCURRENCY);
                st.execute();
            }
            int lapsed;
            try (PreparedStatement st = c.prepareStatement(LAPSED)) {
                st.setString(1, holder);
                lapsed = st.executeUpdate();
            }
            Map<String, Integer> demands = new HashMap<>();
            int othersHold = 0;
            try (PreparedStatement st = c.prepareStatement(OTHERS)) {
                st.setString(1, holder);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        othersHold += rs.getInt(2);
                        demands.put(rs.getString(1), rs.getInt(3));
                    }
                }
            }
            demands.put(holder, wanted);
            int target = LeaseShares.divide(limit, demands).get(holder);
            int usable = Math.max(0, Math.min(target, limit - othersHold));
            int inFlight = granted.applyAsInt(usable);
            int recorded = Math.max(usable, inFlight);
            try (PreparedStatement st = c.prepareStatement(UPSERT)) {
                st.setString(1, holder);
                st.setInt(2, recorded);
                st.setInt(3, wanted);
                st.setDouble(4, lease.toMillis() / 1000.0);
                st.executeUpdate();
            }
            c.commit();
            return new Renewal(usable, recorded, target, demands.size(), lapsed);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Gives this replica's share back at once (a replica told to stop). */
    static void release(Connection c, String holder) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement st = c.prepareStatement("DELETE FROM provider_concurrency_leases WHERE holder = ?")) {
            st.setString(1, holder);
            st.executeUpdate();
        }
    }
}
