package io.comeback.gateway.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code comeback.twilio.*} settings ({@code COMEBACK_TWILIO_*} variables). Everything is optional
 * here because the simulator needs none of it; {@link TwilioSettings} checks what the Twilio gateway
 * needs when it is selected. Never log this object: it holds secrets.
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
    @WithDefault("false")
    boolean durableStatusCallbacks();

    @WithDefault(TwilioSettings.TWILIO_API)
    String apiBaseUrl();

    /** Error code rules, see {@link ErrorCodeRules#parse(String)}. */
    @WithDefault(ErrorCodeRules.DEFAULTS)
    String errorRules();

    /** How far back errors of a number are counted against a rule's threshold. */
    @WithDefault("P30D")
    Duration errorWindow();
}
