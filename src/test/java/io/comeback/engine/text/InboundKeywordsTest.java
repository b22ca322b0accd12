package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundKeywordsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "STOP|OPT_OUT",
                "stop|OPT_OUT",
                " Stopp! |OPT_OUT",
                "STOPALL|OPT_OUT",
                "Unsubscribe.|OPT_OUT",
                "CANCEL|OPT_OUT",
                "end|OPT_OUT",
                "QUIT|OPT_OUT",
                "AVMELD|OPT_OUT",
                "Afmeld|OPT_OUT",
                "avslutt|OPT_OUT",
                "SLUTA|OPT_OUT",
                "optout|OPT_OUT",
                "REVOKE|OPT_OUT",
                "«stopp»|OPT_OUT",
                "STÓP|OPT_OUT",
                "stop please|OPT_OUT",
                "Stopp takk|OPT_OUT",
                "please stop texting me|OPT_OUT",
                "Can you stop sending these?|OPT_OUT",
                "don't text me again|OPT_OUT",
                "stopp å sende meg sms|OPT_OUT",
                "Vær så snill og slutt å sende meg meldinger|OPT_OUT",
                "ikke send meg flere sms|OPT_OUT",
                "Meld meg av|OPT_OUT",
                "sluta skicka sms till mig|OPT_OUT",
                "stop med at sende beskeder|OPT_OUT",
                "no more texts thanks|OPT_OUT",
                "START|RESUBSCRIBE",
                "unstop|RESUBSCRIBE",
                "Yes!|RESUBSCRIBE",
                "HELP|HELP",
                "info|HELP",
                "Hjelp?|HELP",
                "HJÆLP|HELP",
                "When does the sale stop?|NONE",
                "I love it, never stop|NONE",
                "9|NONE",
                "ja takk|NONE",
                "help me find my order please|NONE",
                "yes I want the red one|NONE",
                "|NONE",
                "🙂|NONE"
            })
    void classifies(String body, InboundKeywords.Intent expected) {
        assertThat(InboundKeywords.DEFAULT.classify(body == null ? "" : body)).isEqualTo(expected);
    }
}
