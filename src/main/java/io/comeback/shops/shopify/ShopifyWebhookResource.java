package io.comeback.shops.shopify;

import io.comeback.shops.ShopDelivery;
import io.comeback.shops.ShopPlatform;
import io.comeback.shops.ShopWebhookRefused;
import io.comeback.shops.ShopWebhookWriter;
import io.comeback.shops.WebhookReceipt;
import io.comeback.shops.WebhookSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Shopify's webhooks, one address for every topic. Authenticated by {@code X-Shopify-Hmac-Sha256} (the base64
 * HMAC-SHA256 of the raw body under {@code COMEBACK_SHOPIFY_WEBHOOK_SECRET}), checked on the bytes as received
 * before anything is parsed or stored; a delivery that fails it is refused with 401 and nothing is kept. A signed
 * delivery is stored once by {@code X-Shopify-Webhook-Id} and answered as soon as it is on disk; it is applied
 * afterwards ({@code ShopWebhookProcessor}), well within the 5 seconds Shopify waits.
 */
@Path("/webhooks/shopify")
@Tag(name = "Shop webhooks")
public class ShopifyWebhookResource {

    static final String HMAC = "X-Shopify-Hmac-Sha256";
    static final String TOPIC = "X-Shopify-Topic";
    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";

    private final WebhookSignature signature;
    private final ShopWebhookWriter writer;

    ShopifyWebhookResource(ShopifyConfig config, ShopWebhookWriter writer) {
        this.signature = new WebhookSignature(config.webhookSecret());
        this.writer = writer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Shopify webhook (every topic; signed with the app's webhook secret)")
    // Returns a stage, so it runs on the I/O thread: the signature is a few microseconds of HMAC, and the database
    // work is the group writer's. No worker thread waits for a commit.
    public CompletionStage<WebhookReceipt> receive(
            @HeaderParam(HMAC) String hmac,
            @HeaderParam(TOPIC) String topic,
            @HeaderParam(WEBHOOK_ID) String webhookId,
            byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.configured()) {
            throw ShopWebhookRefused.unsigned(
                    "Shopify webhooks are not configured: set COMEBACK_SHOPIFY_WEBHOOK_SECRET to the secret that"
                            + " signs them.");
        }
        if (hmac == null || hmac.isBlank()) {
            throw ShopWebhookRefused.unsigned("The " + HMAC + " header is missing.");
        }
        if (!signature.matches(raw, hmac)) {
            throw ShopWebhookRefused.unsigned("The " + HMAC + " header is not the signature of this body under"
                    + " COMEBACK_SHOPIFY_WEBHOOK_SECRET.");
        }
        if (topic == null || topic.isBlank()) {
            throw ShopWebhookRefused.missing(TOPIC);
        }
        if (webhookId == null || webhookId.isBlank()) {
            throw ShopWebhookRefused.missing(WEBHOOK_ID);
        }
        String trimmedTopic = topic.trim();
        if (!ShopifyTopics.TOPICS.contains(trimmedTopic)) {
            return CompletableFuture.completedFuture(WebhookReceipt.ignored(trimmedTopic));
        }
        return writer.submit(new ShopDelivery(ShopPlatform.SHOPIFY, webhookId.trim(), trimmedTopic, raw))
                .thenApply(WebhookReceipt::of);
    }
}
