package io.comeback.gateway.twilio;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeTwilioApi} before the service and points {@code COMEBACK_TWILIO_API_BASE_URL} at it. */
public class FakeTwilioResource implements QuarkusTestResourceLifecycleManager {

    /** The running fake; tests script its answers. Static because the service and the test share it. */
    static FakeTwilioApi api;

    @Override
    public Map<String, String> start() {
        try {
            api = new FakeTwilioApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("comeback.twilio.api-base-url", api.baseUrl().toString());
    }

    @Override
    public void stop() {
        api.close();
    }
}
