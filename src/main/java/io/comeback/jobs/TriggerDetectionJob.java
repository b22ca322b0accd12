package io.comeback.jobs;

import io.comeback.enrollment.TriggerDetection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs the detection pass of the {@code date} and {@code segment} flows on the configured cron
 * ({@code comeback.triggers.detector.cron}). Quartz's clustered JDBC store fires each run on one node
 * only; a run that is still going when the next is due makes that one skip.
 */
@ApplicationScoped
public class TriggerDetectionJob {

    private final TriggerDetection detection;
    private final Clock clock;

    public TriggerDetectionJob(TriggerDetection detection, Clock clock) {
        this.detection = detection;
        this.clock = clock;
    }

    @Scheduled(
            identity = "trigger-detector",
            cron = "{comeback.triggers.detector.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void detect() {
        detection.runAll(Instant.now(clock));
    }
}
