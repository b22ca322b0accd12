package io.comeback.gateway.twilio;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the Twilio gateway needs, checked once at start so a missing variable fails the boot with
 * its name instead of failing the first send.
 *
 * @param accountSid  the account messages are created in
 * @param credentials what API calls authenticate with
 * @param senders     which sender each recipient gets
 * @param apiBaseUrl  Twilio's API, or a stand-in (tests, a recording proxy)
 * @param publicUrl   the base URL Twilio calls back (status callbacks)
 */
public record TwilioSettings(
        String accountSid, Credentials credentials, Senders senders, URI apiBaseUrl, URI publicUrl) {

    public static final String TWILIO_API = "https://api.twilio.com";

    /** Basic-auth pair: the account SID and auth token, or an API key SID and its secret. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<hidden>]";
        }
    }

    public static TwilioSettings from(TwilioConfig config, Optional<String> publicUrl) {
        List<String> missing = new ArrayList<>();
        if (config.accountSid().isEmpty()) {
            missing.add("COMEBACK_TWILIO_ACCOUNT_SID");
        }
        boolean apiKey = config.apiKeySid().isPresent() && config.apiKeySecret().isPresent();
        if (!apiKey && config.authToken().isEmpty()) {
            missing.add(
                    "COMEBACK_TWILIO_AUTH_TOKEN (or COMEBACK_TWILIO_API_KEY_SID and COMEBACK_TWILIO_API_KEY_SECRET)");
        }
        if (config.messagingServiceSid().isEmpty() && config.from().isEmpty()) {
            missing.add("COMEBACK_TWILIO_MESSAGING_SERVICE_SID or COMEBACK_TWILIO_FROM");
        }
        if (publicUrl.isEmpty()) {
            missing.add("COMEBACK_PUBLIC_URL");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("COMEBACK_GATEWAY=twilio needs " + String.join(", ", missing));
        }
        Credentials credentials = apiKey
                ? new Credentials(
                        config.apiKeySid().get(), config.apiKeySecret().get())
                : new Credentials(config.accountSid().get(), config.authToken().get());
        Senders senders = new Senders(
                config.messagingServiceSid().orElse(null),
                config.from().orElse(null),
                Senders.parseByCountry(config.senders().orElse("")));
        return new TwilioSettings(
                config.accountSid().get(),
                credentials,
                senders,
                URI.create(config.apiBaseUrl()),
                URI.create(publicUrl.get()));
    }

    /** True when requests must be sent somewhere other than Twilio itself. */
    boolean rebasesApi() {
        return !apiBaseUrl.equals(URI.create(TWILIO_API));
    }
}
