package io.comeback.shops;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.NoExchangeRate;
import io.comeback.shops.shopify.ShopifyTopics;
import io.comeback.shops.woocommerce.WooCommerceTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies stored deliveries, one transaction each, so one that fails never holds up or undoes another: read
 * ({@link ShopDeliveryReader}), applied ({@link ShopEventApplier}) and marked applied together. A failure is tried
 * again after a pause that doubles each time; after {@code comeback.shop-webhooks.max-attempts}, or at once when the
 * body can never be read, the delivery is set aside ({@code failed}) with its error, listed by
 * {@code GET /api/shops/webhooks?status=failed} and tried again on request.
 */
@ApplicationScoped
public class ShopWebhookProcessor {

    private static final Logger LOG = Logger.getLogger(ShopWebhookProcessor.class);
    private static final int ERROR_LENGTH = 2000;

    private final AgroalDataSource dataSource;
    private final ShopWebhookStore store;
    private final ShopEventApplier applier;
    private final ShopRedactions redactions;
    private final ShopifyTopics shopify;
    private final WooCommerceTopics woocommerce;
    private final Clock clock;
    private final ShopWebhooksConfig config;

    public ShopWebhookProcessor(
            AgroalDataSource dataSource,
            ShopWebhookStore store,
            ShopEventApplier applier,
            ShopRedactions redactions,
            ShopifyTopics shopify,
            WooCommerceTopics woocommerce,
            Clock clock,
            ShopWebhooksConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.applier = applier;
        this.redactions = redactions;
        this.shopify = shopify;
        this.woocommerce = woocommerce;
        this.clock = clock;
        this.config = config;
    }

    /** Takes and applies one batch of due deliveries; returns how many were taken. */
    public int processDue() {
        List<ShopWebhookStore.Taken> taken = store.take(clock.instant(), config.lease(), config.batchSize());
        for (ShopWebhookStore.Taken delivery : taken) {
            process(delivery);
        }
        return taken.size();
    }

    private void process(ShopWebhookStore.Taken delivery) {
        try {
            ShopEvent event = reader(delivery.platform()).read(delivery.topic(), delivery.body());
            if (event instanceof ShopEvent.CustomerRedacted redacted) {
                ShopEventApplier.Outcome outcome = redactions.erase(delivery.platform(), redacted.shopCustomerId());
                QuarkusTransaction.requiringNew().run(() -> markApplied(delivery, outcome));
            } else {
                QuarkusTransaction.requiringNew()
                        .run(() -> markApplied(delivery, applier.apply(delivery.platform(), event)));
            }
        } catch (ShopDeliveryUnreadable e) {
            LOG.warnf(
                    "Shop delivery %d (%s %s) set aside: it cannot be read: %s",
                    delivery.id(), delivery.platform().wire(), delivery.topic(), e.getMessage());
            store.setAside(delivery.id(), "unreadable: " + e.getMessage());
        } catch (RuntimeException e) {
            NoExchangeRate noRate = noRate(e);
            if (noRate != null) {
                // Trying again cannot help until the operator sets a rate; it is retried on request then.
                LOG.warnf(
                        "Shop delivery %d (%s %s) set aside: %s",
                        delivery.id(), delivery.platform().wire(), delivery.topic(), noRate.getMessage());
                store.setAside(delivery.id(), "currency: " + noRate.getMessage());
            } else {
                failed(delivery, e);
            }
        }
    }

    private static NoExchangeRate noRate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoExchangeRate n) {
                return n;
            }
        }
        return null;
    }

    private void failed(ShopWebhookStore.Taken delivery, RuntimeException e) {
        String error = describe(e);
        if (delivery.attempts() >= config.maxAttempts()) {
            LOG.errorf(
                    e,
                    "Shop delivery %d (%s %s) set aside after %d attempts",
                    delivery.id(),
                    delivery.platform().wire(),
                    delivery.topic(),
                    delivery.attempts());
            store.setAside(delivery.id(), error);
            return;
        }
        Instant next = clock.instant().plus(pause(delivery.attempts()));
        LOG.warnf(
                "Shop delivery %d (%s %s) failed (attempt %d), trying again at %s: %s",
                delivery.id(), delivery.platform().wire(), delivery.topic(), delivery.attempts(), next, error);
        store.retryAt(delivery.id(), next, error);
    }

    private Duration pause(int attempts) {
        return Backoff.after(attempts, config.firstRetry(), config.maxRetry());
    }

    private void markApplied(ShopWebhookStore.Taken delivery, ShopEventApplier.Outcome outcome) {
        try (Connection c = dataSource.getConnection()) {
            store.applied(c, delivery.id(), clock.instant(), outcome.what(), outcome.customerId());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark shop delivery " + delivery.id() + " applied", e);
        }
    }

    private ShopDeliveryReader reader(ShopPlatform platform) {
        return platform == ShopPlatform.SHOPIFY ? shopify : woocommerce;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < ERROR_LENGTH; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH) : text.toString();
    }
}
