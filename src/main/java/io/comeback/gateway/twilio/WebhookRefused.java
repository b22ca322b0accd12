package io.comeback.gateway.twilio;

/**
 * A Twilio webhook request that is refused before anything is stored: not signed by our account (403) or missing
 * a parameter Twilio always sends (422). The web layer turns it into a problem answer.
 */
public class WebhookRefused extends RuntimeException {

    private final int status;
    private final String field;

    private WebhookRefused(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static WebhookRefused unsigned(String message) {
        return new WebhookRefused(403, null, message);
    }

    static WebhookRefused missing(String field) {
        return new WebhookRefused(422, field, "is required");
    }

    public int status() {
        return status;
    }

    /** The parameter at fault, or null when the whole request is refused. */
    public String field() {
        return field;
    }
}
