package io.comeback.shops;

import io.comeback.messaging.RuntimeConfig;
import io.comeback.support.GracefulStop;
import io.comeback.support.PollingLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The threads that apply stored shop deliveries on this node. Every node runs them; SKIP LOCKED gives each its own
 * deliveries. Off with the rest of the runtime ({@code comeback.runtime.enabled=false}), where tests drive
 * {@link ShopWebhookProcessor#processDue()} themselves.
 */
@ApplicationScoped
public class ShopWebhookWorkers {

    private final PollingLoop loop;
    private final GracefulStop stop;
    private final boolean enabled;

    public ShopWebhookWorkers(
            ShopWebhookProcessor processor, ShopWebhooksConfig config, GracefulStop stop, RuntimeConfig runtime) {
        this.enabled = runtime.enabled();
        this.stop = stop;
        int batchSize = config.batchSize();
        this.loop = new PollingLoop(
                "shop-webhooks", config.workers(), config.pollInterval(), () -> processor.processDue() == batchSize);
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

    /** A delivery was stored: look at once instead of at the next poll. */
    public void nudge() {
        loop.nudge();
    }
}
