package io.comeback.jobs;

import io.comeback.messaging.Reconciliation;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Periodic reconciliation of messages in an unknown state. Quartz with the clustered JDBC store runs
 * it on one node at a time; the work itself is set-based and idempotent, so an overlap would be harmless.
 */
@ApplicationScoped
public class ReconciliationJob {

    private final Reconciliation reconciliation;

    public ReconciliationJob(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(
            identity = "reconcile-messages",
            every = "{comeback.reconcile.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        reconciliation.run();
    }
}
