package io.comeback.shops;

/**
 * A delivery as received and verified, before it is stored.
 *
 * @param deliveryKey what makes it the same delivery when the shop sends it again
 */
public record ShopDelivery(ShopPlatform platform, String deliveryKey, String topic, byte[] body) {}
