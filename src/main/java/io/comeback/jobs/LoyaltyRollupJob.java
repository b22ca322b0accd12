package io.comeback.jobs;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.imports.OrderFactFolds;
import io.comeback.reports.LoyaltyRollup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Folds new orders into the hourly loyalty roll-up ({@code comeback.reports.rollup-cron}, one node of
 * the cluster at a time), so the fold a report does before reading stays small.
 *
 * <p>Not while an order import runs: with more than 200,000 orders queued the fold rebuilds from all
 * orders, and during an import of millions it did so every minute on a core the import needed, over a
 * table that kept growing — work the first run after the import redoes anyway. Reports still fold
 * before they read, so a report during an import counts every committed order.
 */
@ApplicationScoped
public class LoyaltyRollupJob {

    private static final Logger LOG = Logger.getLogger(LoyaltyRollupJob.class);

    private final LoyaltyRollup rollup;
    private final AgroalDataSource dataSource;

    public LoyaltyRollupJob(LoyaltyRollup rollup, AgroalDataSource dataSource) {
        this.rollup = rollup;
        this.dataSource = dataSource;
    }

    @Scheduled(
            identity = "loyalty-rollup",
            cron = "{comeback.reports.rollup-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (orderImportRunning()) {
            LOG.debug("An order import is running: the loyalty roll-up folds after it");
            return;
        }
        rollup.refresh();
    }

    boolean orderImportRunning() {
        try (Connection c = dataSource.getConnection()) {
            return OrderFactFolds.importRunning(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tell whether an order import is running", e);
        }
    }
}
