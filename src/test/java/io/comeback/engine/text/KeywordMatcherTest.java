package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.text.KeywordMatcher.Match;
import io.comeback.engine.text.KeywordMatcher.MatchKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordMatcherTest {

    private static final KeywordMatcher MATCHER = KeywordMatcher.of(sets());

    private static Map<String, List<String>> sets() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("yes", List.of("ja", "jo", "yes", "Gjerne"));
        sets.put("no", List.of("nei", "no", "ikke"));
        sets.put("later", List.of("ikke nå", "senere", "Café"));
        return sets;
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "JA!            | yes   | ja      | WHOLE_REPLY",
                "' gjerne 😊'   | yes   | Gjerne  | WHOLE_REPLY",
                "Ja takk        | yes   | ja      | STARTS_WITH",
                "'ja, takk!'    | yes   | ja      | STARTS_WITH",
                "Nei            | no    | nei     | WHOLE_REPLY",
                "Ikke nå!       | later | ikke nå | WHOLE_REPLY",
                "ikke nå takk   | later | ikke nå | STARTS_WITH",
                "ikke interessert | no  | ikke    | STARTS_WITH",
                "cafe           | later | Café    | WHOLE_REPLY",
            })
    void matches(String reply, String set, String keyword, MatchKind kind) {
        assertThat(MATCHER.match(reply)).contains(new Match(set, keyword, kind));
    }

    @ParameterizedTest(name = "''{0}'' matches nothing")
    @CsvSource(
            delimiter = '|',
            value = {
                "jamen",
                "neitakk",
                "kanskje ja",
                "'   '",
                "👍",
                "jå",
            })
    void doesNotMatch(String reply) {
        assertThat(MATCHER.match(reply)).isEmpty();
    }

    @Test
    void wholeReplyMatchBeatsAnEarlierSetsPrefixMatch() {
        KeywordMatcher matcher = KeywordMatcher.of(new LinkedHashMap<>(Map.of("stop", List.of("stopp"))));
        assertThat(matcher.matchSet("stopp nå")).contains("stop");
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("a", List.of("ja"));
        sets.put("b", List.of("ja takk"));
        assertThat(KeywordMatcher.of(sets).matchSet("ja takk")).contains("b");
        assertThat(KeywordMatcher.of(sets).matchSet("ja takk, gjerne")).contains("b");
        assertThat(KeywordMatcher.of(sets).matchSet("ja gjerne")).contains("a");
    }

    @Test
    void equalPrefixesGoToTheSetDeclaredFirst() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("first", List.of("ok"));
        sets.put("second", List.of("ok"));
        assertThat(KeywordMatcher.of(sets).matchSet("ok då")).contains("first");
        assertThat(KeywordMatcher.of(sets).matchSet("OK")).contains("first");
    }
}
