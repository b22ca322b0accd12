package io.comeback.support;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Stops every background loop of this process on SIGTERM: no new claim from the first sign of shutdown (the
 * shutdown delay, while readiness already says DOWN and requests are still answered), then one shared deadline,
 * {@code comeback.shutdown.drain-timeout} after that, for the batches under way to be handed over and recorded.
 * One deadline for all loops keeps the whole stop inside the pod's termination grace period, whatever the
 * order in which the loops are stopped.
 */
@ApplicationScoped
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);

    private final Duration drain;
    private final List<PollingLoop> loops = new CopyOnWriteArrayList<>();
    private volatile Instant deadline;

    public GracefulStop(ShutdownConfig config) {
        this.drain = config.drainTimeout();
    }

    /** A loop that was started and must be stopped with the process. */
    public void register(PollingLoop loop) {
        loops.add(loop);
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        beginStop();
    }

    /**
     * Stops the loop: at once if the process is not shutting down (a bean destroyed in a test), else within the
     * shared deadline. Called by each loop's owner from its own {@link ShutdownEvent} observer, before it closes
     * what the loop's steps use (the dispatcher's gateway-call threads).
     */
    public void stop(PollingLoop loop) {
        loop.stop(beginStop());
    }

    /** Every loop claims nothing new from now; returns the deadline for the work under way. */
    public synchronized Instant beginStop() {
        if (deadline == null) {
            deadline = Instant.now().plus(drain);
            LOG.infof("Stopping: no new claims; batches under way have until %s to finish", deadline);
            loops.forEach(PollingLoop::requestStop);
        }
        return deadline;
    }
}
