package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A short text as its words, for the keyword rules: folded as {@link TextNormalizer} folds (lower case, accents
 * folded, å æ ø ä ö kept), split at everything but letters, digits and the marks inside words ("don't", "opt-out",
 * "sms:a"), so punctuation and emoji between words count for nothing.
 */
final class Words {

    private Words() {}

    static List<String> of(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = TextNormalizer.fold(text).replace('’', '\'').replace('‘', '\'');
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            if (Character.isLetterOrDigit(c) || c == '\'' || c == '-' || c == ':') {
                word.appendCodePoint(c);
            } else {
                add(words, word);
            }
            i += Character.charCount(c);
        }
        add(words, word);
        return words;
    }

    /** A word without the marks at its ends: "-stop:" is "stop"; marks alone are no word. */
    private static void add(List<String> words, StringBuilder word) {
        String w = TextNormalizer.normalize(word.toString());
        word.setLength(0);
        if (!w.isEmpty()) {
            words.add(w);
        }
    }
}
