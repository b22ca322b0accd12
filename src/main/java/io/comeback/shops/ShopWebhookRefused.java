package io.comeback.shops;

/**
 * A shop delivery refused before anything is stored: not signed with the configured secret, or no secret configured
 * (401), or signed but without a header the shop always sends (422). The web layer turns it into a problem answer.
 */
public class ShopWebhookRefused extends RuntimeException {

    private final int status;
    private final String field;

    private ShopWebhookRefused(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ShopWebhookRefused unsigned(String message) {
        return new ShopWebhookRefused(401, null, message);
    }

    public static ShopWebhookRefused missing(String header) {
        return new ShopWebhookRefused(422, header, "is required");
    }

    public int status() {
        return status;
    }

    /** The header at fault, or null when the whole delivery is refused. */
    public String field() {
        return field;
    }
}
