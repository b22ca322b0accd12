package io.comeback.gateway.twilio;

import io.comeback.messaging.concurrency.HandOverSlots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The Twilio gateway bean, created only when {@code COMEBACK_GATEWAY=twilio} selects it. Declared as
 * {@link TwilioGateway} so the one bean is also reconciliation's {@code MessageLookup} (names of
 * beans must be unique).
 */
@ApplicationScoped
public class TwilioGatewayProducer {

    /** Reconciliation and the stale-status refresh look messages up one at a time, beside the creates. */
    private static final int LOOKUP_CONNECTIONS = 4;

    @Produces
    @Singleton
    @Named("twilio")
    TwilioGateway twilio(
            TwilioConfig config,
            PublicUrlConfig publicUrl,
            Clock clock,
            DeliveryProblemDetector detector,
            HandOverSlots slots) {
        // One connection per send the account allows in flight, and a few for the lookups beside them.
        TwilioGateway.Http http =
                new TwilioGateway.Http(slots.limit() + LOOKUP_CONNECTIONS, config.readTimeout(), slots);
        return new TwilioGateway(
                TwilioSettings.from(config, publicUrl.url()),
                clock,
                (code, to, messageId) -> detector.onError(code, to, null, messageId),
                http);
    }
}
