package io.comeback.jobs;

import io.comeback.privacy.Retention;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/**
 * Applies the retention periods on {@code comeback.retention.cron} (once a night by default). Quartz's clustered
 * store fires each run on one node; the batches are short transactions, so it runs beside the campaigns.
 */
@ApplicationScoped
public class RetentionJob {

    private final Retention retention;
    private final Clock clock;

    public RetentionJob(Retention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(
            identity = "retention",
            cron = "{comeback.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        apply();
    }

    /** One run now (the scheduled one, and tests): rows blanked or deleted per kind. */
    public Map<String, Long> apply() {
        return retention.apply(clock.instant());
    }
}
