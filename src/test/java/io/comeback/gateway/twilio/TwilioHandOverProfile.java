package io.comeback.gateway.twilio;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link TwilioGatewayProfile} with a small provider concurrency limit, a short read timeout and short leases, so
 * that the hand-over tests fill, overrun and share the limit with a few hundred texts. The runtime's loops stay off:
 * the tests run the dispatchers themselves.
 */
public class TwilioHandOverProfile extends TwilioGatewayProfile {

    static final int LIMIT = 8;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("comeback.provider-concurrency.limit", Integer.toString(LIMIT));
        overrides.put("comeback.provider-concurrency.lease", "PT3S");
        overrides.put("comeback.provider-concurrency.renew-every", "PT0.2S");
        overrides.put("comeback.twilio.read-timeout", "PT1S");
        return overrides;
    }
}
