package io.comeback.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.text.SmsSegments.Encoding;
import io.comeback.engine.text.SmsSegments.SegmentCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsSegmentsTest {

    @ParameterizedTest(name = "{0} x ''{1}'' -> {2} {3} segments, {4} units")
    @CsvSource({
        // repeat, unit,  encoding, segments, units
        "0,   a,  GSM_7, 1, 0",
        "1,   a,  GSM_7, 1, 1",
        "160, a,  GSM_7, 1, 160",
        "161, a,  GSM_7, 2, 161",
        "306, a,  GSM_7, 2, 306",
        "307, a,  GSM_7, 3, 307",
        "459, a,  GSM_7, 3, 459",
        "460, a,  GSM_7, 4, 460",
        "80,  €,  GSM_7, 1, 160",
        "81,  €,  GSM_7, 2, 162",
        "160, æ,  GSM_7, 1, 160",
        "70,  á,  UCS_2, 1, 70",
        "71,  á,  UCS_2, 2, 71",
        "134, á,  UCS_2, 2, 134",
        "135, á,  UCS_2, 3, 135",
        "35,  😀, UCS_2, 1, 70",
        "36,  😀, UCS_2, 2, 72",
    })
    void countsRepeatedCharacters(int repeat, String unit, Encoding encoding, int segments, int units) {
        assertThat(SmsSegments.count(unit.repeat(repeat))).isEqualTo(new SegmentCount(encoding, segments, units));
    }

    @Test
    void escapePairIsNeverSplitAcrossParts() {
        // 152 septets then '€' (2 septets) would straddle the 153 boundary: it moves to part two.
        String text = "a".repeat(152) + "€" + "a".repeat(151);
        assertThat(SmsSegments.count(text)).isEqualTo(new SegmentCount(Encoding.GSM_7, 2, 305));
        String oneMore = "a".repeat(152) + "€" + "a".repeat(152);
        // 306 septets would fit 2x153 if split anywhere, but the escape forces a third part.
        assertThat(SmsSegments.count(oneMore)).isEqualTo(new SegmentCount(Encoding.GSM_7, 3, 306));
    }

    @Test
    void surrogatePairIsNeverSplitAcrossParts() {
        // 66 units then an emoji (2 units) would straddle the 67 boundary: it moves to part two.
        String text = "á".repeat(66) + "😀" + "á".repeat(65);
        assertThat(SmsSegments.count(text)).isEqualTo(new SegmentCount(Encoding.UCS_2, 2, 133));
        String oneMore = "á".repeat(66) + "😀" + "á".repeat(66);
        // 134 units would fit 2x67 if split anywhere, but the pair forces a third part.
        assertThat(SmsSegments.count(oneMore)).isEqualTo(new SegmentCount(Encoding.UCS_2, 3, 134));
    }

    @Test
    void oneNonGsmCharacterTurnsTheWholeMessageIntoUcs2() {
        String text = "Hei Kari! Her er rabattkoden din: VELKOMMEN10 " + "\u2019";
        SegmentCount count = SmsSegments.count(text);
        assertThat(count.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(count.units()).isEqualTo(text.length());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Æ", "Ø", "Å", "æ", "ø", "å", "Ä", "Ö", "ä", "ö", "Ü", "ü", "Ñ", "ñ", "é", "É", "ß", "¿", "¡", "§", "£",
                "¥", "è", "ù", "ì", "ò", "Ç", "à", "@", "$", "_", "\n", "Δ", "Ω"
            })
    void nordicAndOtherBasicCharactersAreGsm7(String ch) {
        assertThat(SmsSegments.isGsm7(ch)).isTrue();
        assertThat(SmsSegments.count(ch).units()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "€"})
    void extensionCharactersCostTwoSeptets(String ch) {
        assertThat(SmsSegments.count(ch)).isEqualTo(new SegmentCount(Encoding.GSM_7, 1, 2));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "á", "í", "ó", "ú", "ç", "ê", "\u2018", "\u2019", "\u201C", "\u201D", "\u2013", "😀", "👍🏽", "\u00A0",
                "`", "\t"
            })
    void accentedLettersCurlyQuotesAndEmojiAreNotGsm7(String ch) {
        assertThat(SmsSegments.isGsm7(ch)).isFalse();
        assertThat(SmsSegments.count(ch).encoding()).isEqualTo(Encoding.UCS_2);
    }

    @Test
    void nonGsmCharactersAreDistinctWholeCodePointsInOrder() {
        assertThat(SmsSegments.nonGsmCharacters("Hei “Kari” 😀 – ábc 😀 á æøå"))
                .containsExactly("“", "”", "😀", "–", "á");
        assertThat(SmsSegments.nonGsmCharacters("Hei Kari, æøå €")).isEmpty();
    }
}
