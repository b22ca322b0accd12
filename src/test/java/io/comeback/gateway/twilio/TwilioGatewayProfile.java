package io.comeback.gateway.twilio;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code COMEBACK_GATEWAY=twilio} against the fake Twilio API, with a recording problem listener. The runtime's
 * background loops are off: the tests drive wake-ups and the dispatcher step by step ({@code RuntimeDriver}).
 */
public class TwilioGatewayProfile implements QuarkusTestProfile {

    static final String SERVICE = "MG" + "22222222222222222222222222222222";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "comeback.gateway", "twilio",
                "comeback.public-url", "https://hooks.comeback.example/",
                "comeback.twilio.account-sid", FakeTwilioApi.ACCOUNT_SID,
                "comeback.twilio.auth-token", "gateway-test-token",
                "comeback.twilio.messaging-service-sid", SERVICE,
                "comeback.twilio.senders", "NO=Comeback",
                // Reconciliation tests run it themselves; the periodic jobs would race them.
                "comeback.reconcile.every", "1h",
                "comeback.runtime.enabled", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeTwilioResource.class));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingDeliveryProblemListener.class);
    }
}
