package io.comeback.shops.woocommerce;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * WooCommerce's webhooks (WooCommerce → Settings → Advanced → Webhooks, API version v3), one address for every
 * topic. Authenticated by {@code X-WC-Webhook-Signature}, the base64 HMAC-SHA256 of the raw body under
 * {@code COMEBACK_WOOCOMMERCE_WEBHOOK_SECRET}, checked before anything is parsed or stored. WooCommerce's ping when
 * a webhook is saved ({@code webhook_id=<id>}, unsigned) is answered 200 and not stored, so the webhook can be saved
 * as active.
 *
 * <p>Deliveries are stored once by {@code X-WC-Webhook-Delivery-ID} together with a hash of the body: WooCommerce
 * derives the delivery id from the webhook and the second it is sent, so two different deliveries of one webhook in
 * the same second share it, while a delivery sent again has the same body.
 */
@Path("/webhooks/woocommerce")
@Tag(name = "Shop webhooks")
public class WooCommerceWebhookResource {

    static final String SIGNATURE = "X-WC-Webhook-Signature";
    static final String TOPIC = "X-WC-Webhook-Topic";
    static final String DELIVERY_ID = "X-WC-Webhook-Delivery-ID";

    private static final Pattern PING = Pattern.compile("webhook_id=\\d+");

    private final WebhookSignature signature;
    private final ShopWebhookWriter writer;

    WooCommerceWebhookResource(WooCommerceConfig config, ShopWebhookWriter writer) {
        this.signature = new WebhookSignature(config.webhookSecret());
        this.writer = writer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "WooCommerce webhook (every topic; signed with the webhook's secret) and its ping")
    public CompletionStage<WebhookReceipt> receive(
            @HeaderParam(SIGNATURE) String signed,
            @HeaderParam(TOPIC) String topic,
            @HeaderParam(DELIVERY_ID) String deliveryId,
            byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.configured()) {
            throw ShopWebhookRefused.unsigned(
                    "WooCommerce webhooks are not configured: set COMEBACK_WOOCOMMERCE_WEBHOOK_SECRET to the secret"
                            + " entered for the webhook in WooCommerce.");
        }
        if ((signed == null || signed.isBlank()) && isPing(raw)) {
            return CompletableFuture.completedFuture(WebhookReceipt.ping());
        }
        if (signed == null || signed.isBlank()) {
            throw ShopWebhookRefused.unsigned("The " + SIGNATURE + " header is missing.");
        }
        if (!signature.matches(raw, signed)) {
            throw ShopWebhookRefused.unsigned("The " + SIGNATURE + " header is not the signature of this body under"
                    + " COMEBACK_WOOCOMMERCE_WEBHOOK_SECRET.");
        }
        if (topic == null || topic.isBlank()) {
            throw ShopWebhookRefused.missing(TOPIC);
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            throw ShopWebhookRefused.missing(DELIVERY_ID);
        }
        String trimmedTopic = topic.trim();
        if (!WooCommerceTopics.TOPICS.contains(trimmedTopic)) {
            return CompletableFuture.completedFuture(WebhookReceipt.ignored(trimmedTopic));
        }
        String key = deliveryId.trim() + ":" + bodyHash(raw);
        return writer.submit(new ShopDelivery(ShopPlatform.WOOCOMMERCE, key, trimmedTopic, raw))
                .thenApply(WebhookReceipt::of);
    }

    private static boolean isPing(byte[] body) {
        return body.length < 64
                && PING.matcher(new String(body, StandardCharsets.US_ASCII).trim())
                        .matches();
    }

    private static String bodyHash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
