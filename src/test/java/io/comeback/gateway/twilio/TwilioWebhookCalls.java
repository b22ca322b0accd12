package io.comeback.gateway.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Twilio's webhooks as the webhook resource hands them on once their signature checked out, for tests of other
 * packages that run with the simulator as the gateway: an inbound text, and a status callback through the
 * group commit that serves the webhook.
 */
@ApplicationScoped
public class TwilioWebhookCalls {

    private final InboundTexts inbound;
    private final StatusCallbackBatcher statuses;
    private final Clock clock;

    TwilioWebhookCalls(InboundTexts inbound, StatusCallbackBatcher statuses, Clock clock) {
        this.inbound = inbound;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** @return the TwiML answer */
    public String inbound(Map<String, String> params) {
        return inbound.accept(params);
    }

    /** @return true when the callback was applied now */
    public boolean status(Map<String, String> params, Long messageId) throws Exception {
        return statuses.submit(StatusCallbacks.parse(params, messageId, clock.instant()))
                .get(20, TimeUnit.SECONDS);
    }
}
