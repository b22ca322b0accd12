package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.DefaultTimeZoneConfig;
import io.comeback.support.PlannerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The loyalty roll-ups of V73: {@code loyalty_hours} (customer base and lifespan marks per hour) and
 * {@code loyalty_days} (order sums per local day of the default zone and previous order's day), and the
 * flows' of V121. New orders are queued by a trigger and folded in by {@link #refresh()}: the job calls it
 * every minute, and every report calls it first, so a report never misses an order that is committed.
 * README "Reports", "How loyalty figures are kept". The statements are {@link LoyaltyFold}'s; reports read
 * the result through {@link LoyaltyMarksStore} and {@link LoyaltyOrderSums}.
 */
@ApplicationScoped
public class LoyaltyRollup {

    /** More queued orders than this are folded by rebuilding from all orders. */
    static final long REBUILD_ABOVE = 200_000;

    private final AgroalDataSource dataSource;
    private final Duration activeWindow;
    private final ZoneId zone;

    public LoyaltyRollup(AgroalDataSource dataSource, ReportsConfig config, DefaultTimeZoneConfig zone) {
        this.dataSource = dataSource;
        this.activeWindow = config.activeCustomerWindow();
        this.zone = ZoneId.of(zone.zone());
    }

    /** The zone whose calendar days {@code loyalty_days} is kept in. */
    ZoneId zone() {
        return zone;
    }

    Duration activeWindow() {
        return activeWindow;
    }

    /** Folds the queued orders in (or builds everything when the roll-up is for another window or zone). */
    public void refresh() {
        try (Connection c = dataSource.getConnection()) {
            refresh(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fold new orders into the loyalty roll-up", e);
        }
    }

    void refresh(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            LoyaltyRollupStore.lock(c);
            boolean rebuild = LoyaltyRollupStore.keptForOther(c, activeWindow, zone);
            if (!rebuild) {
                long queued = LoyaltyRollupStore.queuedOrders(c, REBUILD_ABOVE);
                if (queued == 0) {
                    queued = LoyaltyRollupStore.membersQueued(c) ? 1 : 0;
                }
                if (queued == 0) {
                    LoyaltyPhaseStore.buildAsked(c);
                    c.commit();
                    return;
                }
                // A bulk import: rebuilding from all orders (one sorted pass) costs less than recomputing
                // every affected customer twice, a cost that grows with the customers touched.
                rebuild = queued > REBUILD_ABOVE;
            }
            // The fold's row estimates are as far off as the reads' (see LoyaltyReports): JIT would
            // compile for a cost the plan never has.
            PlannerSettings.withoutJit(c);
            if (rebuild) {
                LoyaltyRollupStore.clearFor(c, activeWindow, zone);
            }
            LoyaltyRollupStore.takeQueued(c);
            LoyaltyFold.CUSTOMERS.run(c, rebuild, activeWindow, zone);
            LoyaltyFold.FLOWS.run(c, rebuild, activeWindow, zone);
            LoyaltyRollupStore.finishTaken(c);
            LoyaltyPhaseStore.buildAsked(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
