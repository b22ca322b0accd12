package io.comeback.shops;

/** The answer to a delivery: stored now, stored before (a retry), or not stored (a topic Comeback does not use). */
public record WebhookReceipt(String received, String detail) {

    public static WebhookReceipt of(ShopWebhookWriter.Stored stored) {
        return stored == ShopWebhookWriter.Stored.NEW
                ? new WebhookReceipt("stored", null)
                : new WebhookReceipt("duplicate", "this delivery was stored before");
    }

    public static WebhookReceipt ignored(String topic) {
        return new WebhookReceipt("ignored", "Comeback does not use the topic " + topic);
    }

    public static WebhookReceipt ping() {
        return new WebhookReceipt("ping", null);
    }
}
