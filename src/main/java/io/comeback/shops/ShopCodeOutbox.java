package io.comeback.shops;

import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.RuntimeConfig;
import io.comeback.shops.shopify.ShopifyDiscounts;
import io.comeback.shops.woocommerce.WooCommerceCoupons;
import io.comeback.support.GracefulStop;
import io.comeback.support.PollingLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates at the connected shop every code a flow issued, once, before a text naming it may leave (the dispatcher
 * holds such texts back). The shop is called outside any transaction; each code's outcome is recorded on its own:
 * created (its texts released to the dispatcher at once), tried again after a pause that doubles, or after
 * {@code comeback.shop-codes.max-attempts} (or at once when the shop rejects the discount itself) given up, its texts
 * blocked and the code shown on the flow's page. Calls are idempotent on the code: a code an earlier attempt created
 * without our hearing back is found at the shop and counted as created.
 */
@ApplicationScoped
public class ShopCodeOutbox {

    private static final Logger LOG = Logger.getLogger(ShopCodeOutbox.class);
    /** A code taken by a process that died is taken again after this long; far longer than a request may take. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ShopCodeStore store;
    private final ShopifyDiscounts shopify;
    private final WooCommerceCoupons woocommerce;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ShopCodesConfig config;
    private final PollingLoop loop;
    private final GracefulStop stop;
    private final boolean enabled;

    public ShopCodeOutbox(
            ShopCodeStore store,
            ShopifyDiscounts shopify,
            WooCommerceCoupons woocommerce,
            Dispatcher dispatcher,
            Clock clock,
            ShopCodesConfig config,
            GracefulStop stop,
            RuntimeConfig runtime) {
        this.stop = stop;
        this.store = store;
        this.shopify = shopify;
        this.woocommerce = woocommerce;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.config = config;
        this.enabled = runtime.enabled();
        int batchSize = config.batchSize();
        this.loop =
                new PollingLoop("shop-codes", config.workers(), config.pollInterval(), () -> processDue() == batchSize);
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

    /** Takes and creates one batch of due codes; returns how many were taken. */
    public int processDue() {
        List<ShopCode> taken = store.take(clock.instant(), LEASE, config.batchSize());
        boolean released = false;
        for (ShopCode code : taken) {
            released |= create(code);
        }
        if (released) {
            dispatcher.nudge();
        }
        return taken.size();
    }

    /** @return true when the code now exists at the shop */
    private boolean create(ShopCode code) {
        ShopCodeCreator.Result result;
        try {
            result = creator(code.platform()).create(code);
        } catch (RuntimeException e) {
            result = new ShopCodeCreator.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        if (result instanceof ShopCodeCreator.Created created) {
            store.created(code, created.reference(), now);
            return true;
        }
        if (result instanceof ShopCodeCreator.Retry retry && code.attempts() < config.maxAttempts()) {
            Instant next = now.plus(pause(code.attempts()));
            LOG.warnf(
                    "Code %s of flow %s not created at %s yet (attempt %d), trying again at %s: %s",
                    code.code(), code.flowId(), code.platform(), code.attempts(), next, retry.reason());
            store.retryAt(code, next, retry.reason());
            return false;
        }
        String reason = result instanceof ShopCodeCreator.Failed failed
                ? failed.reason()
                : ((ShopCodeCreator.Retry) result).reason() + " (gave up after " + code.attempts() + " attempts)";
        LOG.errorf(
                "Code %s of flow %s could not be created at %s; its texts are blocked: %s",
                code.code(), code.flowId(), code.platform(), reason);
        store.failed(code, reason, now);
        return false;
    }

    private Duration pause(int attempts) {
        return Backoff.after(attempts, config.firstRetry(), config.maxRetry());
    }

    private ShopCodeCreator creator(String platform) {
        return ShopPlatform.fromWire(platform) == ShopPlatform.SHOPIFY ? shopify : woocommerce;
    }
}
