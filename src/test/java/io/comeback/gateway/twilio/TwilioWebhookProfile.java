package io.comeback.gateway.twilio;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** Webhooks with a known auth token and public URL, and recording sinks in place of the runtime. */
public class TwilioWebhookProfile implements QuarkusTestProfile {

    static final String AUTH_TOKEN = "webhook-test-auth-token";
    /** Deliberately not the host and port the tests call: the signature must cover Twilio's URL. */
    static final String PUBLIC_URL = "https://hooks.comeback.example";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("comeback.twilio.auth-token", AUTH_TOKEN, "comeback.public-url", PUBLIC_URL);
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(
                RecordingInboundSmsSink.class, RecordingStatusUpdateSink.class, RecordingDeliveryProblemListener.class);
    }
}
