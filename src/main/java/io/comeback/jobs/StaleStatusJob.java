package io.comeback.jobs;

import io.comeback.messaging.port.LostReceiptRecovery;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Periodic fetch of statuses that stopped moving (a lost receipt) from Twilio. Quartz with the
 * clustered JDBC store fires it on one node at a time; does nothing unless Twilio is the gateway.
 */
@ApplicationScoped
public class StaleStatusJob {

    private final Instance<LostReceiptRecovery> recoveries;

    public StaleStatusJob(Instance<LostReceiptRecovery> recoveries) {
        this.recoveries = recoveries;
    }

    @Scheduled(
            identity = "refresh-stale-statuses",
            every = "{comeback.reconcile.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        recoveries.forEach(LostReceiptRecovery::recoverLostReceipts);
    }
}
