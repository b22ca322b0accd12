package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.time.SettableClock;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The adapter against Prism serving Twilio's official OpenAPI description, which refuses (422) any
 * request the spec does not allow and answers with the spec's own example message. Run by hand:
 * <pre>
 * npx @stoplight/prism-cli@5.16.0 mock -p 4010 ../shared/twilio/twilio_api_v2010.yaml
 * mvn test -Dtest=TwilioPrismContractCheck -Dtwilio.prism.url=http://127.0.0.1:4010
 * </pre>
 */
@EnabledIfSystemProperty(named = "twilio.prism.url", matches = ".+")
class TwilioPrismContractCheck {

    private static final String ACCOUNT = "AC" + "0123456789abcdef0123456789abcdef";
    private final Instant now = Instant.parse("2026-03-02T10:00:00Z");

    private TwilioGateway gateway(Senders senders) {
        TwilioSettings settings = new TwilioSettings(
                ACCOUNT,
                new TwilioSettings.Credentials(ACCOUNT, "token"),
                senders,
                URI.create(System.getProperty("twilio.prism.url")),
                URI.create("https://hooks.comeback.example"));
        return new TwilioGateway(settings, new SettableClock(now), SendErrorListener.IGNORE);
    }

    @Test
    void createThroughAMessagingServiceIsValidForTheSpec() {
        SendOutcome outcome = gateway(new Senders("MG" + "0123456789abcdef0123456789abcdef", null, Map.of()))
                .send(new OutgoingSms(
                        1, "+4791234567", "Hei! Svar STOPP for å melde deg av.", now.plus(Duration.ofHours(2))));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Accepted.class,
                        accepted -> assertThat(accepted.providerMessageId()).matches("^(SM|MM)[0-9a-fA-F]{32}$"));
    }

    @Test
    void createFromANumberIsValidForTheSpec() {
        SendOutcome outcome = gateway(new Senders(null, "+4759440000", Map.of()))
                .send(new OutgoingSms(2, "+4791234567", "Velkommen!", null));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
    }
}
