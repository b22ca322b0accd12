package io.comeback.jobs;

import io.comeback.reports.LoyaltyRollup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Folds new orders into the hourly loyalty roll-up ({@code comeback.reports.rollup-cron}, one node of
 * the cluster at a time), so the fold a report does before reading stays small.
 */
@ApplicationScoped
public class LoyaltyRollupJob {

    private final LoyaltyRollup rollup;

    public LoyaltyRollupJob(LoyaltyRollup rollup) {
        this.rollup = rollup;
    }

    @Scheduled(identity = "loyalty-rollup", cron = "{comeback.reports.rollup-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        rollup.refresh();
    }
}
