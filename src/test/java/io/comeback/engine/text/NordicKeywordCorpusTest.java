package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.text.InboundKeywords.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The phrase model on texts people in the Nordics send to a shop's number: opt-outs in six languages with the
 * language they are understood in, and the traps — questions, and "stop" about something else — of which not one
 * may opt anybody out.
 */
class NordicKeywordCorpusTest {

    @ParameterizedTest(name = "\"{0}\" opts out, in {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Norwegian
                "Ikke send mer|nb",
                "Stopp dette nå takk|nb",
                "avmeld|nb",
                "Avmeld meg, takk|nb",
                "AVSLUTT|nb",
                "Stopp nå!|nb",
                "Meld meg av|nb",
                "Slutt å sende meg tilbud|nb",
                "Kan dere slutte å sende meg sms?|nb",
                "Jeg vil ikke ha flere meldinger|nb",
                "Ikke flere tilbud takk|nb",
                // Danish
                "afmeld|da",
                "Frameld mig tak|da",
                "Stop med at sende mig beskeder|da",
                "Send ikke flere tilbud|da",
                "Jeg vil ikke have flere sms'er|da",
                "Stop nu, tak|da",
                // Swedish
                "avsluta|sv",
                "sluta|sv",
                "Sluta skicka|sv",
                "Sluta skicka sms till mig tack|sv",
                "Avregistrera mig|sv",
                "Skicka inte fler erbjudanden|sv",
                "Stoppa, tack!|sv",
                "Jag vill inte ha fler sms|sv",
                // Finnish
                "lopeta|fi",
                "LOPETA kiitos|fi",
                "peru|fi",
                "Pois|fi",
                "Lopeta viestit|fi",
                "Älä lähetä enää viestejä|fi",
                "En halua enää tekstiviestejä|fi",
                "Poista minut listalta|fi",
                // Icelandic
                "hætta|is",
                "Hætta takk|is",
                "HAETTA|is",
                "Afskrá|is",
                "Ekki senda mér fleiri skilaboð|is",
                "Hætta að senda þetta|is",
                // English
                "STOP please|en",
                "Unsubscribe me now|en",
                "stop it, thanks|en",
                "Please stop texting me|en",
                "I don't want any more texts|en",
            })
    void optsOutAndSaysInWhichLanguage(String body, String language) {
        InboundKeywords.Understood understood = InboundKeywords.DEFAULT.understand(body);
        assertThat(understood.intent()).isEqualTo(Intent.OPT_OUT);
        assertThat(understood.languages()).as("languages of \"%s\"", body).contains(language);
    }

    @Test
    void aWordOrPhraseOfOneLanguageSaysItsLanguage() {
        assertThat(InboundKeywords.DEFAULT.understand("Sluta skicka").languages())
                .containsExactly("sv");
        assertThat(InboundKeywords.DEFAULT.understand("lopeta").languages()).containsExactly("fi");
        assertThat(InboundKeywords.DEFAULT.understand("hætta").languages()).containsExactly("is");
        assertThat(InboundKeywords.DEFAULT.understand("Ikke send mer").languages())
                .containsExactly("nb");
        assertThat(InboundKeywords.DEFAULT.understand("afmeld").languages()).containsExactly("da");
        assertThat(InboundKeywords.DEFAULT.understand("Stopp dette nå takk").languages())
                .containsExactly("nb");
        assertThat(InboundKeywords.DEFAULT.understand("STOP please").languages())
                .containsExactly("en");
    }

    @Test
    void aKeywordEveryLanguageUsesLeavesTheLanguageOpen() {
        assertThat(InboundKeywords.DEFAULT.understand("STOPP").languages()).containsExactly("nb", "da", "sv", "is");
        assertThat(InboundKeywords.DEFAULT.understand("STOP").languages()).hasSize(6);
        assertThat(InboundKeywords.DEFAULT.understand("Stopp takk").languages()).containsExactly("nb", "is");
        assertThat(InboundKeywords.DEFAULT.understand("Stopp tack").languages()).containsExactly("sv");
    }

    @Test
    void noTrapOptsAnybodyOut() {
        List<String> falseOptOuts = NordicKeywordCorpusTraps.TRAPS.stream()
                .filter(InboundKeywords.DEFAULT::isOptOut)
                .toList();
        assertThat(falseOptOuts).as("false opt-outs").isEmpty();
        assertThat(NordicKeywordCorpusTraps.TRAPS)
                .allSatisfy(trap -> assertThat(InboundKeywords.DEFAULT.classify(trap))
                        .as(trap)
                        .isEqualTo(Intent.NONE));
    }

    @ParameterizedTest(name = "\"{0}\" is {1} in {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "START|RESUBSCRIBE|en",
                "Starta|RESUBSCRIBE|sv",
                "aloita|RESUBSCRIBE|fi",
                "Byrja|RESUBSCRIBE|is",
                "Start igjen takk|RESUBSCRIBE|nb",
                "Hjelp|HELP|nb",
                "hjælp!|HELP|da",
                "Hjälp tack|HELP|sv",
                "Apua|HELP|fi",
                "Ohje|HELP|fi",
                "Hjálp|HELP|is",
                "help please|HELP|en",
                "STOP HELP|OPT_OUT|en",
            })
    void startAndHelpInEveryLanguage(String body, Intent intent, String language) {
        InboundKeywords.Understood understood = InboundKeywords.DEFAULT.understand(body);
        assertThat(understood.intent()).isEqualTo(intent);
        assertThat(understood.languages()).first().isEqualTo(language);
    }

    @Test
    void theAnswersThatConfirmASignUp() {
        for (String yes :
                List.of("JA", "Ja takk!", "ja tack", "Ja tak", "Kyllä", "kylla kiitos", "Joo", "Já", "yes please")) {
            assertThat(InboundKeywords.DEFAULT.isConfirmation(yes)).as(yes).isTrue();
        }
        for (String no : List.of("ja, men ikke nå", "Ja stopp", "jaha?", "nei")) {
            assertThat(InboundKeywords.DEFAULT.isConfirmation(no)).as(no).isFalse();
        }
    }
}
