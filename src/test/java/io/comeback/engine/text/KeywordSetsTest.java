package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.text.InboundKeywords.Intent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keyword sets as an operator writes them: global lists, and per-country lists that replace one set. */
class KeywordSetsTest {

    private final KeywordSets sets = KeywordSets.fromSettings(Map.of(
            "opt-out", "STOP, STOPP, END",
            "help", "HELP,INFO",
            "SE.opt-out", "STOPPA,SLUTA,STOP",
            "dk.help", "HJÆLP",
            "opt-out-reply", "not a keyword list: ignored",
            "NO.unknown-set", "ignored"));

    @Test
    void aCountryListReplacesThatSetForNumbersOfTheCountry() {
        InboundKeywords sweden = sets.forCountry("SE");
        assertThat(sweden.classify("Stoppa!")).isEqualTo(Intent.OPT_OUT);
        assertThat(sweden.classify("sluta")).isEqualTo(Intent.OPT_OUT);
        assertThat(sweden.classify("END"))
                .as("the Swedish list replaces the global one")
                .isEqualTo(Intent.NONE);
        assertThat(sweden.classify("help"))
                .as("sets the country does not name stay global")
                .isEqualTo(Intent.HELP);
    }

    @Test
    void theAnswersThatConfirmASignUpAreASetLikeTheOthers() {
        KeywordSets confirm = KeywordSets.fromSettings(Map.of("confirm", "YES,JA", "SE.confirm", "JA,JAPP"));
        InboundKeywords global = confirm.forCountry("NO");
        assertThat(global.isConfirmation("Ja!")).isTrue();
        assertThat(global.isConfirmation("yes please")).isTrue();
        assertThat(global.isConfirmation("ja, men ikke nå egentlig"))
                .as("a long message is not a confirmation")
                .isFalse();
        assertThat(global.isConfirmation("japp")).isFalse();
        assertThat(global.isConfirmation("stop")).isFalse();
        assertThat(confirm.forCountry("SE").isConfirmation("Japp")).isTrue();
        assertThat(confirm.forCountry("SE").isConfirmation("yes")).isFalse();
        assertThat(KeywordSets.DEFAULT.forCountry(null).isConfirmation("JA"))
                .as("YES and JA by default")
                .isTrue();
    }

    @Test
    void otherCountriesAndUnknownNumbersUseTheGlobalSets() {
        for (InboundKeywords keywords :
                new InboundKeywords[] {sets.forCountry("NO"), sets.forCountry(null), sets.forCountry("GB")}) {
            assertThat(keywords.classify("end")).isEqualTo(Intent.OPT_OUT);
            assertThat(keywords.classify("STOPPA")).isEqualTo(Intent.NONE);
            assertThat(keywords.classify("hjælp")).isEqualTo(Intent.NONE);
            assertThat(keywords.classify("INFO")).isEqualTo(Intent.HELP);
        }
    }

    @Test
    void countryCodesAreCaseInsensitiveAndMatchingStaysAccentAndPunctuationInsensitive() {
        InboundKeywords denmark = sets.forCountry("DK");
        assertThat(denmark.classify(" Hjælp? ")).isEqualTo(Intent.HELP);
        assertThat(denmark.classify("HELP")).isEqualTo(Intent.NONE);
        assertThat(sets.forCountry("se").classify("STÓP.")).isEqualTo(Intent.OPT_OUT);
    }

    @Test
    void phrasesStillWorkWhateverTheLists() {
        assertThat(sets.forCountry("SE").classify("sluta skicka sms till mig")).isEqualTo(Intent.OPT_OUT);
        assertThat(sets.forCountry("NO").classify("stopp å sende meg sms")).isEqualTo(Intent.OPT_OUT);
        assertThat(sets.forCountry("NO").classify("please stop texting me")).isEqualTo(Intent.OPT_OUT);
    }

    @Test
    void missingOrBlankGlobalSetsKeepTheBuiltInDefaults() {
        KeywordSets defaults = KeywordSets.fromSettings(Map.of("opt-out", " "));
        assertThat(defaults.forCountry("NO").classify("AVMELD")).isEqualTo(Intent.OPT_OUT);
        assertThat(defaults.forCountry("NO").classify("UNSTOP")).isEqualTo(Intent.RESUBSCRIBE);
        assertThat(defaults.forCountry("DK").classify("HJÆLP")).isEqualTo(Intent.HELP);
    }
}
