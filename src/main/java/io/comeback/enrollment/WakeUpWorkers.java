package io.comeback.enrollment;

import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.RuntimeConfig;
import io.comeback.support.GracefulStop;
import io.comeback.support.PollingLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/**
 * The threads that wake due enrollments on this node. Every node runs them; SKIP LOCKED gives each
 * its own rows, so adding replicas adds throughput and a dead node's claims simply expire with its
 * transactions.
 */
@ApplicationScoped
public class WakeUpWorkers {

    private final PollingLoop loop;
    private final GracefulStop stop;
    private final boolean enabled;

    public WakeUpWorkers(
            WakeUpBatch batch, Dispatcher dispatcher, Clock clock, GracefulStop stop, RuntimeConfig config) {
        this.enabled = config.enabled();
        this.stop = stop;
        int batchSize = config.batchSize();
        this.loop = new PollingLoop("wake-up", config.workers(), config.pollInterval(), () -> {
            WakeUpBatch.Outcome outcome = batch.run(clock.instant(), batchSize);
            // Committed: the dispatcher may claim these rows by id now, without waiting for its poll.
            if (!outcome.dueMessages().isEmpty()) {
                dispatcher.handOver(outcome.dueMessages());
            } else if (outcome.messagesQueued() > 0) {
                dispatcher.nudge();
            }
            return outcome.claimed() == batchSize;
        });
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            loop.start();
            stop.register(loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop.stop(loop);
    }

    /** Something became due now (an entry, a signal): look at once instead of at the next poll. */
    public void nudge() {
        loop.nudge();
    }
}
