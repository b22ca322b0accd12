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
    void aLanguageThatIsWrittenIsAlwaysChosenOverItsFamily() {
        LocalizedText t = text("nb", "da", "sv", "en");
        assertThat(t.forLocale("sv-SE", "nb").locale()).isEqualTo("sv");
        assertThat(t.forLocale("sv-FI", "nb").locale()).isEqualTo("sv");
        assertThat(t.forLocale("da-DK", "nb").locale()).isEqualTo("da");
        assertThat(t.forLocale("nn-NO", "en").locale()).isEqualTo("nb");
        assertThat(t.forLocale("no", "en").locale()).isEqualTo("nb");
        assertThat(t.forLocale("en-GB", "nb").locale()).isEqualTo("en");
    }

    @Test
    void aMissingNordicLanguageFallsBackToItsFamilyBeforeTheDefault() {
        LocalizedText norwegianAndEnglish = text("nb", "en");
        assertThat(norwegianAndEnglish.forLocale("da-DK", "en").locale())
                .as("a Dane reads Norwegian")
                .isEqualTo("nb");
        assertThat(norwegianAndEnglish.forLocale("sv-SE", "en").locale()).isEqualTo("nb");
        LocalizedText swedishAndEnglish = text("en", "sv");
        assertThat(swedishAndEnglish.forLocale("nb-NO", "en").locale()).isEqualTo("sv");
        assertThat(text("en", "da", "sv").forLocale("nb-NO", "en").locale())
                .as("Danish is nearest to written Norwegian")
                .isEqualTo("da");
        assertThat(text("en", "da", "sv").forLocale("nn", "en").locale())
                .as("Swedish is nearest to Nynorsk")
                .isEqualTo("sv");
    }

    @Test
    void finnishAndIcelandicHaveNoNeighbourSoTheDefaultIsUsed() {
        LocalizedText t = text("nb", "da", "sv", "en");
        assertThat(t.forLocale("fi-FI", "en").locale()).isEqualTo("en");
        assertThat(t.forLocale("is-IS", "en").locale()).isEqualTo("en");
        assertThat(t.forLocale("fi-FI", "nb").locale()).isEqualTo("nb");
        assertThat(t.forLocale("de-DE", "sv").locale()).isEqualTo("sv");
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
