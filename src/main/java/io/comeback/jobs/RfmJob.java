package io.comeback.jobs;

import io.comeback.audience.rfm.RfmModel;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Takes new RFM cut points on the configured cron ({@code comeback.rfm.cron}, one node of the cluster
 * at a time), and once at start when none exist yet — after the demo audience is loaded.
 */
@ApplicationScoped
public class RfmJob {

    private static final Logger LOG = Logger.getLogger(RfmJob.class);

    private final RfmModel rfm;
    private final Clock clock;

    public RfmJob(RfmModel rfm, Clock clock) {
        this.rfm = rfm;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (rfm.current().isEmpty()) {
            recompute();
        }
    }

    @Scheduled(
            identity = "rfm-boundaries",
            cron = "{comeback.rfm.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recompute() {
        rfm.recompute(clock.instant())
                .ifPresent(b -> LOG.infof("RFM cut points taken from %d customers", b.customers()));
    }
}
