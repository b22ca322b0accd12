package io.comeback.engine.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises a text message for keyword matching.
 *
 * <ul>
 *   <li>Compatibility forms are unified first (NFKC: full-width letters, ligatures).</li>
 *   <li>Lower case, locale-independent.</li>
 *   <li>Accents are folded ({@code é → e}, {@code ü → u}), but {@code å æ ø ä ö} stay distinct:
 *       in Norwegian, Danish and Swedish they are letters of their own, not decorated vowels
 *       ("får" is not "far", "bør" is not "bor"), so folding them would create false matches.</li>
 *   <li>Everything that is neither a letter nor a digit at either end is dropped (punctuation,
 *       emoji, quotes, whitespace), so "JA!!", " ja 👍" and "«ja»" all become "ja".</li>
 *   <li>Runs of inner whitespace become one space; inner punctuation is kept ("ja, takk").</li>
 * </ul>
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return collapseWhitespace(trimNonAlphanumeric(fold(text)));
    }

    /** NFKC, lower case and accent folding only: keeps every other character where it was. */
    static String fold(String text) {
        return foldAccents(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
    }

    private static String foldAccents(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 || isNordicLetter(c)) {
                out.append(c);
                continue;
            }
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            for (int j = 0; j < decomposed.length(); j++) {
                char d = decomposed.charAt(j);
                if (Character.getType(d) != Character.NON_SPACING_MARK) {
                    out.append(d);
                }
            }
        }
        return out.toString();
    }

    private static boolean isNordicLetter(char c) {
        return c == 'å' || c == 'æ' || c == 'ø' || c == 'ä' || c == 'ö';
    }

    private static String trimNonAlphanumeric(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetterOrDigit(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = true;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
