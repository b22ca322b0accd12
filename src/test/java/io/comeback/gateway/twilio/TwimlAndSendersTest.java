package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwimlAndSendersTest {

    @Test
    void noAnswerIsAnEmptyResponse() {
        assertThat(Twiml.reply(Optional.empty())).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(Twiml.reply(Optional.of("  "))).endsWith("<Response/>");
    }

    @Test
    void answerIsEscaped() {
        assertThat(Twiml.reply(Optional.of("Svar <START> & \"få\" 'tilbud'")))
                .endsWith(
                        "<Response><Message>Svar &lt;START&gt; &amp; &quot;få&quot; &apos;tilbud&apos;</Message></Response>");
    }

    @Test
    void countrySendersAreParsedAndChecked() {
        assertThat(Senders.parseByCountry(" no = Comeback , SE=+46701234567,"))
                .isEqualTo(Map.of("NO", "Comeback", "SE", "+46701234567"));
        assertThatThrownBy(() -> Senders.parseByCountry("Norway=Comeback")).hasMessageContaining("not a country code");
        assertThatThrownBy(() -> Senders.parseByCountry("NO")).hasMessageContaining("should look like NO=Comeback");
    }

    @Test
    void messagingServiceIsKeptWhenACountrySenderApplies() {
        Senders senders = new Senders("MG1", null, Map.of("NO", "Comeback"));

        assertThat(senders.forRecipient("+4791234567")).isEqualTo(new Senders.Sender("MG1", "Comeback"));
        assertThat(senders.forRecipient("+46701234567")).isEqualTo(new Senders.Sender("MG1", null));
    }
}
