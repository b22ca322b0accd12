package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.time.SettableClock;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.MessageLookup;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding the Twilio message of a row left {@code unknown}, through the real SDK against the fake
 * API: listed by {@code To} and {@code DateSent>}, recognised by body and time, and "never received"
 * only when the listing is complete and the validity period is over.
 */
class TwilioInDoubtLookupTest {

    private static final String TO = "+4791234567";
    private static final String BODY = "Hei Kari! 20 % på alt i dag";

    private final SettableClock clock = new SettableClock(Instant.now());
    private FakeTwilioApi twilio;
    private TwilioGateway gateway;

    @BeforeEach
    void start() throws IOException {
        twilio = new FakeTwilioApi();
        TwilioSettings settings = new TwilioSettings(
                FakeTwilioApi.ACCOUNT_SID,
                new TwilioSettings.Credentials(FakeTwilioApi.ACCOUNT_SID, "secret-token"),
                new Senders("MG" + "00000000000000000000000000000001", null, Map.of()),
                twilio.baseUrl(),
                URI.create("https://comeback.example.com"));
        gateway = new TwilioGateway(settings, clock, (code, to, id) -> {});
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private String sendAndLeave(long id, String body) {
        String sid = ((SendOutcome.Accepted) gateway.send(new OutgoingSms(id, TO, body, null))).providerMessageId();
        twilio.progress(sid, "sent", null);
        return sid;
    }

    private static MessageLookup.InDoubt inDoubt(long id, Instant dispatchedAt, Set<String> known) {
        return new MessageLookup.InDoubt(id, TO, BODY, dispatchedAt, null, known);
    }

    @Test
    void findsTheMessageByRecipientBodyAndTime() {
        Instant dispatched = Instant.now().minusSeconds(5);
        sendAndLeave(1, "Another text entirely");
        String sid = sendAndLeave(2, BODY);

        MessageLookup.Answer answer = gateway.lookup(inDoubt(2, dispatched, Set.of()));

        assertThat(answer).isEqualTo(new MessageLookup.Found(sid, DeliveryStatus.SENT));
        FakeTwilioApi.Received list = twilio.received().get(twilio.received().size() - 1);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path()).isEqualTo(FakeTwilioApi.MESSAGES_PATH);
        assertThat(list.query()).contains("To=%2B4791234567").contains("DateSent%3E=");
    }

    @Test
    void aMessageAnotherRowAlreadyOwnsOrOneFromBeforeTheCallIsNotTheAnswer() {
        twilio.seedSent(TO, BODY, ZonedDateTime.now().minusHours(3)); // the same text, an earlier flow run
        Instant dispatched = Instant.now().minusSeconds(5);
        String first = sendAndLeave(3, BODY);
        String second = sendAndLeave(4, BODY);

        assertThat(gateway.lookup(inDoubt(4, dispatched, Set.of(first))))
                .isEqualTo(new MessageLookup.Found(second, DeliveryStatus.SENT));
        assertThat(gateway.lookup(inDoubt(4, dispatched, Set.of(first, second))))
                .isInstanceOf(MessageLookup.CannotTell.class);
    }

    @Test
    void readsEveryPageOfTheListing() {
        Instant dispatched = Instant.now().minus(Duration.ofHours(1));
        String ours = twilio.seedSent(TO, BODY, ZonedDateTime.now().minusMinutes(59));
        for (int i = 0; i < 230; i++) {
            twilio.seedSent(
                    TO,
                    "Ordre " + i + " er sendt",
                    ZonedDateTime.now().minusMinutes(58).plusSeconds(i));
        }

        assertThat(gateway.lookup(inDoubt(5, dispatched, Set.of())))
                .isEqualTo(new MessageLookup.Found(ours, DeliveryStatus.DELIVERED));
        assertThat(twilio.received().stream()
                        .filter(r -> r.method().equals("GET"))
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aMessageStillInTwiliosQueueIsNotListedSoAbsenceProvesNothingUntilItsValidityIsOver() {
        Instant dispatched = Instant.now().minusSeconds(5);
        gateway.send(new OutgoingSms(6, TO, BODY, null)); // queued: no DateSent yet

        assertThat(gateway.lookup(inDoubt(6, dispatched, Set.of())))
                .isInstanceOfSatisfying(
                        MessageLookup.CannotTell.class,
                        cannot -> assertThat(cannot.detail()).contains("queue"));
    }

    @Test
    void neverReceivedOnceTheListingIsCompleteAndTheValidityPeriodIsOver() {
        Instant dispatched = Instant.now().minusSeconds(5);
        MessageLookup.InDoubt row =
                new MessageLookup.InDoubt(7, TO, BODY, dispatched, dispatched.plus(Duration.ofHours(2)), Set.of());

        clock.set(dispatched
                .plus(Duration.ofHours(2))
                .plus(TwilioInDoubtLookup.SETTLE)
                .minusSeconds(1));
        assertThat(gateway.lookup(row)).isInstanceOf(MessageLookup.CannotTell.class);

        clock.set(dispatched
                .plus(Duration.ofHours(2))
                .plus(TwilioInDoubtLookup.SETTLE)
                .plusSeconds(1));
        assertThat(gateway.lookup(row)).isEqualTo(new MessageLookup.NeverReceived());
    }

    @Test
    void whenTwilioCannotBeAskedTheAnswerIsCannotTell() {
        twilio.answerError(500, 20500, "Internal Server Error");

        assertThat(gateway.lookup(inDoubt(8, Instant.now().minus(Duration.ofDays(1)), Set.of())))
                .isInstanceOf(MessageLookup.CannotTell.class);
    }

    @Test
    void ourIdAloneIsNotEnoughToAskTwilio() {
        assertThat(gateway.lookup(9)).isInstanceOf(MessageLookup.CannotTell.class);
    }
}
