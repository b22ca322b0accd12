package io.comeback.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalizedTextTest {

    private static LocalizedText text(String... locales) {
        Map<String, TextVariant> variants = new LinkedHashMap<>();
        for (String l : locales) {
            variants.put(l, new TextVariant(l, "text " + l, SourceLocation.UNKNOWN));
        }
        return new LocalizedText(variants, SourceLocation.UNKNOWN);
    }

    @Test
    void picksTheCustomersLanguageThenTheFlowDefault() {
        LocalizedText t = text("nb", "en");
        assertThat(t.forLocale("en-GB", "nb").locale()).isEqualTo("en");
        assertThat(t.forLocale("EN", "nb").locale()).isEqualTo("en");
        assertThat(t.forLocale("nb_NO", "en").locale()).isEqualTo("nb");
        assertThat(t.forLocale("no", "en").locale()).isEqualTo("nb");
        assertThat(t.forLocale("sv", "nb").locale()).isEqualTo("nb");
        assertThat(t.forLocale(null, "en").locale()).isEqualTo("en");
        assertThat(t.forLocale("de", "fr").locale()).isEqualTo("nb");
    }

    @Test
    void locatesCharactersOnTheirLines() {
        TextVariant v = new TextVariant(
                "nb",
                "ab\ncd {{ x }}",
                new SourceLocation(5, 9),
                List.of(new SourceLocation(6, 11), new SourceLocation(7, 11)));
        assertThat(v.locate(1)).isEqualTo(new SourceLocation(6, 12));
        assertThat(v.locate(6)).isEqualTo(new SourceLocation(7, 14));
        TextVariant folded = new TextVariant("nb", "ab cd", new SourceLocation(5, 9));
        assertThat(folded.locate(3)).isEqualTo(new SourceLocation(5, 9));
    }
}
