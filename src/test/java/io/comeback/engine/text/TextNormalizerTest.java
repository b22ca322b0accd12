package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "JA                    | ja",
                "'  Ja!!  '            | ja",
                "ja 👍                 | ja",
                "«Ja»                  | ja",
                "'¡Sí!'                | si",
                "Café                  | cafe",
                "NAÏVE                 | naive",
                "Über                  | uber",
                "Får                   | får",
                "BØR                   | bør",
                "Ærlig                 | ærlig",
                "Nöjd                  | nöjd",
                "ÄR                    | är",
                "'ja,   takk\t\nigjen' | ja, takk igjen",
                "'STOP.'               | stop",
                "ｙｅｓ                | yes",
                "'  '                  | ''",
                "'!!!'                 | ''",
                "'10!'                 | 10",
            })
    void normalizes(String input, String expected) {
        assertThat(TextNormalizer.normalize(input)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertThat(TextNormalizer.normalize(null)).isEmpty();
    }
}
