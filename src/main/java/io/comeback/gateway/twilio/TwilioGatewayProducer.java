package io.comeback.gateway.twilio;

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

    @Produces
    @Singleton
    @Named("twilio")
    TwilioGateway twilio(
            TwilioConfig config, PublicUrlConfig publicUrl, Clock clock, DeliveryProblemDetector detector) {
        return new TwilioGateway(
                TwilioSettings.from(config, publicUrl.url()),
                clock,
                (code, to, messageId) -> detector.onError(code, to, null, messageId));
    }
}
