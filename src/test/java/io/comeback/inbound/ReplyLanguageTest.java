package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whose language an answer is in: the customer's, the words', the country's, the default's — in that order. */
class ReplyLanguageTest {

    private static final Set<String> ANSWERED = Set.of("nb", "da", "sv", "fi", "is", "en");

    private static String choose(String customerLocale, List<String> written, String country) {
        return ReplyLanguage.choose(customerLocale, written, country, ANSWERED, "nb");
    }

    @Test
    void theCustomersLanguageComesFirstWithItsFamily() {
        assertThat(choose("sv-SE", List.of("nb"), "NO")).isEqualTo("sv");
        assertThat(choose("nn-NO", List.of(), null)).isEqualTo("nb");
        assertThat(choose("fi-FI", List.of("en"), "GB")).isEqualTo("fi");
    }

    @Test
    void aCustomerWhoseLanguageHasNoTextsIsAnsweredInTheLanguageTheyWrote() {
        assertThat(choose("de-DE", List.of("sv"), "DE")).isEqualTo("sv");
        assertThat(choose("de-DE", List.of(), "DE")).isEqualTo("nb");
    }

    @Test
    void aKeywordOfOneLanguageNamesIt() {
        assertThat(choose(null, List.of("fi"), "NO")).isEqualTo("fi");
        assertThat(choose(null, List.of("is"), null)).isEqualTo("is");
    }

    @Test
    void theNumbersCountryBreaksATie() {
        List<String> stopp = List.of("nb", "da", "sv", "is");
        assertThat(choose(null, stopp, "SE")).isEqualTo("sv");
        assertThat(choose(null, stopp, "DK")).isEqualTo("da");
        assertThat(choose(null, stopp, "IS")).isEqualTo("is");
        assertThat(choose(null, stopp, "FI")).as("Finland's second language").isEqualTo("sv");
        assertThat(choose(null, stopp, "DE")).as("no tie-breaker: the default").isEqualTo("nb");
        assertThat(choose(null, List.of("en", "da"), "DE"))
                .as("the default is no candidate")
                .isEqualTo("en");
    }

    @Test
    void wordsThatTellNothingLeaveTheCountryThenTheDefault() {
        assertThat(choose(null, List.of(), "SE")).isEqualTo("sv");
        assertThat(choose(null, List.of(), "FI")).isEqualTo("fi");
        assertThat(choose(null, List.of(), "US")).isEqualTo("en");
        assertThat(choose(null, List.of(), "DE")).isEqualTo("nb");
        assertThat(choose(null, List.of(), null)).isEqualTo("nb");
    }
}
