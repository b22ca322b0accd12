package io.comeback.gateway.twilio;

import jakarta.inject.Named;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;

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
    TwilioGateway twilio(TwilioConfig config, @ConfigProperty(name = "comeback.public-url") Optional<String> publicUrl,
                         Clock clock, DeliveryProblemDetector detector) {
        return new TwilioGateway(TwilioSettings.from(config, publicUrl), clock,
                (code, to, messageId) -> detector.onError(code, to, null, messageId));
    }
}
