package io.comeback.gateway.twilio;

import io.comeback.gateway.MessageLookup;
import io.comeback.gateway.SmsGateway;
import jakarta.inject.Named;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;

/** The Twilio gateway bean, created only when {@code COMEBACK_GATEWAY=twilio} selects it. */
@ApplicationScoped
public class TwilioGatewayProducer {

    @Produces
    @Singleton
    @Named("twilio")
    SmsGateway twilio(TwilioConfig config, @ConfigProperty(name = "comeback.public-url") Optional<String> publicUrl,
                      Clock clock, DeliveryProblemDetector detector) {
        return new TwilioGateway(TwilioSettings.from(config, publicUrl), clock,
                (code, to, messageId) -> detector.onError(code, to, null, messageId));
    }

    /** The same gateway as reconciliation's lookup for rows left unknown (see {@code Gateways#lookup}). */
    @Produces
    @Singleton
    @Named("twilio")
    MessageLookup twilioLookup(@Named("twilio") SmsGateway twilio) {
        return (MessageLookup) twilio;
    }
}
