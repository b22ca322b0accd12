package io.comeback.shops;

/** Turns a shop's stored delivery into what it says. */
public interface ShopDeliveryReader {

    /** @throws ShopDeliveryUnreadable when the body can never be applied */
    ShopEvent read(String topic, byte[] body);
}
