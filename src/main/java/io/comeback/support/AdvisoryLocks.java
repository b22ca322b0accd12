package io.comeback.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Every PostgreSQL advisory lock the service takes, so that two features never share a key by accident. The
 * three forms of key cannot meet:
 * <ul>
 *   <li>two-int keys (class, id), {@code objsubid = 2} in {@code pg_locks}: the class says what the id is;</li>
 *   <li>{@link Named} keys, {@code hashtext(prefix || id)}: an int4 widened to bigint, so its upper 32 bits are
 *       all zeros or all ones;</li>
 *   <li>fixed bigint keys, whose upper 32 bits are neither.</li>
 * </ul>
 * A session lock lasts until it is unlocked or the connection closes; a transaction lock until commit or rollback.
 */
public final class AdvisoryLocks {

    /**
     * Class of the session lock {@code (ORDER_IMPORT, order_fact_folds.id)} an order import holds while it stores
     * and folds orders (V80): a fold row whose lock is free belongs to an import that died, and background work
     * over all orders waits while one is held.
     */
    public static final int ORDER_IMPORT = 8080;

    /** Transaction lock serialising loyalty roll-up folds across the cluster: two folds of one order would count it twice. */
    public static final long LOYALTY_ROLLUP = 0x6c6f79616c7479L;

    /**
     * Transaction lock serialising the renewals of the provider concurrency leases (V220): each renewal divides the
     * limit from the rows it reads, so two must not read at once.
     */
    public static final long PROVIDER_CONCURRENCY = 0x636f6e63757272L;

    /** Session lock per flow id: one node at a time detects a flow's inactive customers. */
    public static final Named INACTIVITY_DETECTION = new Named("comeback.inactivity-detector:");

    /** Transaction lock per phone number: suppressions of a number that is no customer change one at a time. */
    public static final Named PHONE_SUPPRESSION = new Named("suppression:");

    /** Transaction lock per order id: the changes of one order (a shop's deliveries, the API) apply one at a time. */
    public static final Named ORDER = new Named("order:");

    /** Transaction lock per shop customer ({@code platform:id}): one delivery at a time finds or creates them. */
    public static final Named SHOP_CUSTOMER = new Named("shop-customer:");

    /** Transaction lock per shop checkout ({@code platform:key}): its records and its order apply one at a time. */
    public static final Named SHOP_CHECKOUT = new Named("shop-checkout:");

    private AdvisoryLocks() {}

    /** Locks keyed by {@code hashtext(prefix || id)}: one lock per id, the prefix keeping the features apart. */
    public record Named(String prefix) {

        /** A session lock without waiting; true when taken. */
        public boolean trySessionLock(Connection c, String id) throws SQLException {
            try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                st.setString(1, key(id));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }

        public void sessionUnlock(Connection c, String id) throws SQLException {
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                st.setString(1, key(id));
                st.execute();
            }
        }

        /** Waits for the lock and holds it to the end of the transaction. */
        public void transactionLock(Connection c, String id) throws SQLException {
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                st.setString(1, key(id));
                st.execute();
            }
        }

        /** A null id stays NULL, as {@code prefix || NULL} is in SQL: no lock is taken. */
        private String key(String id) {
            return id == null ? null : prefix + id;
        }
    }
}
