package io.comeback.shops;

/**
 * A stored delivery that can never be applied as it is (not JSON, not the shape its topic has): it is set aside at
 * once instead of being tried again.
 */
public class ShopDeliveryUnreadable extends RuntimeException {

    public ShopDeliveryUnreadable(String message) {
        super(message);
    }

    public ShopDeliveryUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
