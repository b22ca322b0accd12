package io.comeback.enrollment;

import io.comeback.support.GracefulStop;
import io.comeback.support.PollingLoop;
import io.comeback.messaging.Dispatcher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

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

    public WakeUpWorkers(WakeUpBatch batch, Dispatcher dispatcher, Clock clock, GracefulStop stop,
                         @ConfigProperty(name = "comeback.runtime.workers", defaultValue = "2") int workers,
                         @ConfigProperty(name = "comeback.runtime.batch-size", defaultValue = "500") int batchSize,
                         @ConfigProperty(name = "comeback.runtime.poll-interval", defaultValue = "PT0.5S") Duration poll,
                         @ConfigProperty(name = "comeback.runtime.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
        this.stop = stop;
        this.loop = new PollingLoop("wake-up", workers, poll, () -> {
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
