package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.text.InboundKeywords;
import io.comeback.testing.ShippedProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The keyword lists application.properties ships are the engine's own vocabulary: every word of the six languages'
 * lexicons, no more, so a word the reference lists works and the language it tells is known.
 */
class ShippedKeywordListsTest {

    private final ShippedProperties shipped = ShippedProperties.load();

    @Test
    void theShippedListsAreEveryLexiconsWords() {
        InboundKeywords.Vocabulary vocabulary = new InboundKeywords.Vocabulary(
                words("comeback.keywords.opt-out"),
                words("comeback.keywords.resubscribe"),
                words("comeback.keywords.help"),
                words("comeback.keywords.confirm"));
        InboundKeywords.Vocabulary lexicons = InboundKeywords.Vocabulary.DEFAULT;
        assertThat(vocabulary.optOut()).containsExactlyInAnyOrderElementsOf(lexicons.optOut());
        assertThat(vocabulary.resubscribe()).containsExactlyInAnyOrderElementsOf(lexicons.resubscribe());
        assertThat(vocabulary.help()).containsExactlyInAnyOrderElementsOf(lexicons.help());
        assertThat(vocabulary.confirm()).containsExactlyInAnyOrderElementsOf(lexicons.confirm());
    }

    @Test
    void everyLanguageTheServiceUnderstandsItAlsoAnswersIn() {
        for (String language : List.of("nb", "da", "sv", "fi", "is", "en")) {
            for (String text : List.of("opt-out", "start", "help", "confirm-request", "inbox-open", "inbox-closed")) {
                assertThat(shipped.valueOf("comeback.replies." + language + "." + text))
                        .as(language + "." + text)
                        .isPresent();
            }
        }
        assertThat(shipped.valueOf("comeback.replies.nb.inbox-closed").orElseThrow())
                .contains("{when}");
    }

    private Set<String> words(String property) {
        return Arrays.stream(shipped.valueOf(property).orElseThrow().split(","))
                .map(String::trim)
                .collect(Collectors.toSet());
    }
}
