package io.comeback.reports;

import io.comeback.audience.OrderRevisionHooks;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the loyalty roll-ups right when orders that were folded in change (refunded, cancelled, another amount or
 * time): the customer's folded orders are taken out before the change and added back after it, under the fold lock,
 * so no fold runs in between and orders still queued are left to the next fold. Without roll-ups kept for the
 * configured window and zone (none built yet) there is nothing to correct: the next fold builds them from the orders.
 */
@ApplicationScoped
public class LoyaltyOrderRevisions implements OrderRevisionHooks {

    private final LoyaltyRollup rollup;

    public LoyaltyOrderRevisions(LoyaltyRollup rollup) {
        this.rollup = rollup;
    }

    @Override
    public void beforeChange(Connection c, long customerId) throws SQLException {
        revise(c, customerId, false);
    }

    @Override
    public void afterChange(Connection c, long customerId) throws SQLException {
        revise(c, customerId, true);
    }

    private void revise(Connection c, long customerId, boolean add) throws SQLException {
        LoyaltyRollupStore.lock(c);
        if (LoyaltyRollupStore.keptForOther(c, rollup.activeWindow(), rollup.zone())) {
            return;
        }
        LoyaltyFold.CUSTOMERS.revise(c, customerId, add, rollup.activeWindow(), rollup.zone());
        LoyaltyFold.FLOWS.revise(c, customerId, add, rollup.activeWindow(), rollup.zone());
    }
}
