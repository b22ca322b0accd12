package io.comeback.gateway.twilio;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code comeback.twilio.*} settings ({@code COMEBACK_TWILIO_*} variables). The account and senders are
 * optional here because the simulator needs none of them; {@link TwilioSettings} checks what the Twilio gateway
 * needs when it is selected. Defaults are in application.properties. Never log this object: it holds secrets.
 */
@ConfigMapping(prefix = "comeback.twilio")
public interface TwilioConfig {

    Optional<String> accountSid();

    /** Authenticates API calls unless an API key is set, and always signs webhooks. */
    Optional<String> authToken();

    /** An API key (SK…) and its secret: preferred for API calls, since they can be revoked alone. */
    Optional<String> apiKeySid();

    Optional<String> apiKeySecret();

    Optional<String> messagingServiceSid();

    /** Default sender: a number in E.164 or an alphanumeric sender id. */
    Optional<String> from();

    /** Senders per recipient country, e.g. {@code NO=Comeback,SE=+46701234567}; override {@link #from()}. */
    Optional<String> senders();

    /** Flush each status callback to disk before acknowledging it; see {@link TwilioCallbackStore}. */
    boolean durableStatusCallbacks();

    /** Most status callbacks stored in one transaction ({@link StatusCallbackBatcher}). */
    int statusBatchSize();

    /** Twilio's API ({@link TwilioSettings#TWILIO_API}), or a local fake or recording proxy in its place. */
    String apiBaseUrl();

    /** Error code rules, see {@link ErrorCodeRules#parse(String)}. */
    String errorRules();

    /** How far back errors of a number are counted against a rule's threshold. */
    Duration errorWindow();

    /** How long a request waits for Twilio's answer; a create answered later is in doubt ({@link TwilioErrors}). */
    Duration readTimeout();
}
