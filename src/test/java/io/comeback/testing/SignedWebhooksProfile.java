package io.comeback.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Twilio's webhooks signed with a known auth token against a public URL, the real runtime behind them (the simulator
 * stays the gateway), and its background loops off as in {@link ManualRuntimeProfile}: texts posted as Twilio posts
 * them go through the signature check to the inbound routing and answer in TwiML ({@link SignedInboundTexts}).
 */
public class SignedWebhooksProfile implements QuarkusTestProfile {

    static final String AUTH_TOKEN = "signed-webhooks-test-token";
    /** Not the host and port the tests call: the signature covers Twilio's URL. */
    static final String PUBLIC_URL = "https://hooks.comeback.example";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "comeback.twilio.auth-token", AUTH_TOKEN,
                "comeback.public-url", PUBLIC_URL,
                "comeback.runtime.enabled", "false");
    }
}
