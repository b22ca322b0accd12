package io.comeback.jobs;

import io.comeback.reports.FlowCountsFolder;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Folds the flow report deltas into the day counters every {@code comeback.reports.fold-every} (one node of the
 * cluster at a time). Figures do not wait for it; it only keeps the delta table short.
 */
@ApplicationScoped
public class FlowCountsFoldJob {

    private static final Logger LOG = Logger.getLogger(FlowCountsFoldJob.class);

    private final FlowCountsFolder folder;

    public FlowCountsFoldJob(FlowCountsFolder folder) {
        this.folder = folder;
    }

    @Scheduled(
            identity = "flow-counts-fold",
            every = "{comeback.reports.fold-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fold() {
        long folded = folder.fold();
        if (folded > 0) {
            LOG.debugf("Folded %d flow report deltas", folded);
        }
    }
}
