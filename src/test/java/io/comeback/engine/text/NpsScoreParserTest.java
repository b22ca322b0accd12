package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpsScoreParserTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "9                 | 9",
                "9/10              | 9",
                "' 10!'            | 10",
                "10 av 10          | 10",
                "10/10             | 10",
                "0/10              | 0",
                "0                 | 0",
                "8 of 10           | 8",
                "7 out of 10       | 7",
                "6 ud af 10        | 6",
                "5 utav 10         | 5",
                "score: 7          | 7",
                "'NPS: 8'          | 8",
                "07                | 7",
                "9 - great service | 9",
                "'Jeg gir 9 🙂'    | 9",
                "10 10             | 10",
                "9️⃣               | 9",
                "🔟                | 10",
                "ti                | 10",
                "Ti!               | 10",
                "'  TI.  '         | 10",
                "ni                | 9",
                "nine              | 9",
                "Nine!!            | 9",
                "ni av ti          | 9",
                "nine out of ten   | 9",
                "ti/10             | 10",
                "'score: ti'       | 10",
                "karakter åtte     | 8",
                "null              | 0",
                "én                | 1",
                "en                | 1",
                "ett               | 1",
                "to                | 2",
                "tre               | 3",
                "fire              | 4",
                "fem               | 5",
                "seks              | 6",
                "sju               | 7",
                "syv               | 7",
                "åtte              | 8",
                "nul               | 0",
                "et                | 1",
                "otte              | 8",
                "noll              | 0",
                "två               | 2",
                "fyra              | 4",
                "sex               | 6",
                "åtta              | 8",
                "nio               | 9",
                "tio               | 10",
                "zero              | 0",
                "one               | 1",
                "two               | 2",
                "three             | 3",
                "four              | 4",
                "five              | 5",
                "six               | 6",
                "seven             | 7",
                "eight             | 8",
                "ten               | 10",
                "ÅTTE!             | 8",
                "10, ti av ti      | 10",
                "9 (ni)            | 9",
            })
    void understands(String reply, int expected) {
        assertThat(NpsScoreParser.parse(reply)).hasValue(expected);
    }

    @ParameterizedTest(name = "''{0}'' -> no score")
    @ValueSource(
            strings = {
                "11",
                "-1",
                " -1",
                "−3",
                "100",
                "12345678",
                "7.5",
                "8,5",
                "7 or 8",
                "7-8",
                "7 eller 8",
                "åtte eller 9",
                "9 ti",
                "2 ganger, 9",
                "",
                "   ",
                "!!!",
                "👍",
                "takk",
                "flott service",
                "Hva mener du?",
                "en gang til",
                "to be honest",
                "one more thing",
                "ni er så flinke",
                "fire alarm",
                "ti eller ni",
                "elleve",
                "11/10",
                "score:"
            })
    void refuses(String reply) {
        assertThat(NpsScoreParser.parse(reply)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nullIsNoScore() {
        assertThat(NpsScoreParser.parse(null)).isEmpty();
    }
}
