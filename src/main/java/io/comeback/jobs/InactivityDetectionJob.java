package io.comeback.jobs;

import io.comeback.enrollment.InactivityDetector;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs inactivity detection on the configured cron ({@code comeback.inactivity.detector.cron}).
 * Quartz's clustered JDBC store fires each run on one node only; a run that is still going when
 * the next is due makes that one skip.
 */
@ApplicationScoped
public class InactivityDetectionJob {

    private final InactivityDetector detector;
    private final Clock clock;

    public InactivityDetectionJob(InactivityDetector detector, Clock clock) {
        this.detector = detector;
        this.clock = clock;
    }

    @Scheduled(
            identity = "inactivity-detector",
            cron = "{comeback.inactivity.detector.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void detect() {
        detector.runAll(Instant.now(clock));
    }
}
