package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.messaging.Gateways;
import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** {@code COMEBACK_GATEWAY=twilio} makes the active gateway Twilio's, configured from the environment. */
@QuarkusTest
@TestProfile(TwilioGatewayProfile.class)
class TwilioGatewaySelectionTest {

    @Inject
    Gateways gateways;

    @Inject
    RecordingDeliveryProblemListener problems;

    @Test
    void injectedGatewayIsTwilioConfiguredFromTheEnvironment() {
        SmsGateway gateway = gateways.active();
        int before = FakeTwilioResource.api.received().size();

        SendOutcome outcome = gateway.send(new OutgoingSms(77, "+4791234567", "Velkommen!", null));

        assertThat(gateway.name()).isEqualTo("twilio");
        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        FakeTwilioApi.Received request = FakeTwilioResource.api.received().get(before);
        assertThat(request.form())
                .containsEntry("MessagingServiceSid", TwilioGatewayProfile.SERVICE)
                .containsEntry("From", "Comeback")
                .containsEntry("StatusCallback", "https://hooks.comeback.example/webhooks/twilio/status?messageId=77");
    }

    @Test
    void refusedCreateWithAnActionableCodeReachesTheListener() {
        SmsGateway gateway = gateways.active();
        String phone = "+4791230021";
        FakeTwilioResource.api.answerError(400, 21610, "Attempt to send to unsubscribed recipient");

        gateway.send(new OutgoingSms(78, phone, "Siste sjanse!", null));

        assertThat(problems.reportsFor(phone)).singleElement().satisfies(report -> {
            assertThat(report.problem()).isEqualTo(DeliveryProblem.OPT_OUT);
            assertThat(report.messageId()).isEqualTo(78L);
            assertThat(report.providerMessageId()).isNull();
        });
    }
}
