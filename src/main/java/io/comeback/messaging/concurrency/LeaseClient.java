package io.comeback.messaging.concurrency;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.IntUnaryOperator;
import org.jboss.logging.Logger;

/**
 * One replica's lease row in {@link ConcurrencyLeaseStore}, each call on a connection of its own: renewing it for
 * what the replica wants now, and giving it back when the replica stops.
 */
final class LeaseClient {

    private static final Logger LOG = Logger.getLogger(LeaseClient.class);

    private final AgroalDataSource dataSource;
    private final String holder;
    private final int limit;
    private final Duration lease;

    LeaseClient(AgroalDataSource dataSource, String holder, int limit, Duration lease) {
        this.dataSource = dataSource;
        this.holder = holder;
        this.limit = limit;
        this.lease = lease;
    }

    /**
     * Renews the lease for {@code wanted} sends.
     *
     * @param granted called with what this replica may start from now on, before the commit; answers how many it has
     *     in flight right now
     */
    ConcurrencyLeaseStore.Renewal renew(int wanted, IntUnaryOperator granted) {
        ConcurrencyLeaseStore.Renewal renewal;
        try (Connection c = dataSource.getConnection()) {
            renewal = ConcurrencyLeaseStore.renew(c, holder, limit, wanted, lease, granted);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not renew the provider concurrency lease of " + holder, e);
        }
        if (renewal.lapsed() > 0) {
            LOG.infof(
                    "Provider concurrency: %d lease(s) of replicas gone for %s taken back; %s now uses %d of %d",
                    renewal.lapsed(), lease, holder, renewal.usable(), limit);
        }
        return renewal;
    }

    /** Gives the share back so that the other replicas need not wait for it to lapse; if that fails, it lapses. */
    void release() {
        try (Connection c = dataSource.getConnection()) {
            ConcurrencyLeaseStore.release(c, holder);
        } catch (SQLException e) {
            LOG.warnf(e, "Could not give back the provider concurrency share of %s; it lapses after %s", holder, lease);
        }
    }
}
