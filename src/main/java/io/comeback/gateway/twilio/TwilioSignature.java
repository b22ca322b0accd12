package io.comeback.gateway.twilio;

import com.twilio.security.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's validator. The signed URL is the one Twilio
 * called: {@code COMEBACK_PUBLIC_URL} plus path and query, never the URL this service sees, which a
 * proxy or load balancer may have changed (scheme, host, port).
 */
@ApplicationScoped
public class TwilioSignature {

    private final Optional<RequestValidator> validator;
    private final Optional<String> publicUrl;

    TwilioSignature(TwilioConfig config, PublicUrlConfig publicUrl) {
        this.validator = config.authToken().map(RequestValidator::new);
        this.publicUrl = publicUrl.url().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** @throws WebhookRefused 403 unless the signature is Twilio's for this URL and these parameters */
    void check(String pathAndQuery, Map<String, String> params, String signature) {
        if (validator.isEmpty() || publicUrl.isEmpty()) {
            throw WebhookRefused.unsigned(
                    "Twilio webhooks are not configured: set COMEBACK_TWILIO_AUTH_TOKEN" + " and COMEBACK_PUBLIC_URL.");
        }
        if (signature == null || signature.isBlank()) {
            throw WebhookRefused.unsigned("The X-Twilio-Signature header is missing.");
        }
        if (!validator.get().validate(publicUrl.get() + pathAndQuery, params, signature)) {
            throw WebhookRefused.unsigned("The X-Twilio-Signature does not match this request; check that"
                    + " COMEBACK_PUBLIC_URL is the URL configured in Twilio.");
        }
    }
}
