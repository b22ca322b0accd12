package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a folded reply into digit runs, letter runs and "/" for {@link NpsScoreParser}; everything
 * else (spaces, punctuation, emoji) separates tokens. Returns {@code null} when the reply holds a
 * number that is not a whole non-negative one (-1, −3, 7.5, 8,5): such replies never give a score.
 */
final class ScoreTokenizer {

    private ScoreTokenizer() {}

    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isAsciiDigit(c)) {
                int end = i;
                while (end < text.length() && isAsciiDigit(text.charAt(end))) {
                    end++;
                }
                if (isDecimalSeparatorAt(text, end) || isNegativeSignBefore(text, i)) {
                    return null;
                }
                tokens.add(text.substring(i, end));
                i = end;
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < text.length() && Character.isLetter(text.charAt(end))) {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
            } else {
                if (c == '/') {
                    tokens.add("/");
                }
                i++;
            }
        }
        return tokens;
    }

    private static boolean isDecimalSeparatorAt(String text, int at) {
        return at + 1 < text.length()
                && (text.charAt(at) == '.' || text.charAt(at) == ',')
                && isAsciiDigit(text.charAt(at + 1));
    }

    /** A minus sign right before the digits that does not sit between two numbers ("7-8" is a range). */
    private static boolean isNegativeSignBefore(String text, int digitsStart) {
        if (digitsStart == 0) {
            return false;
        }
        char sign = text.charAt(digitsStart - 1);
        if (sign != '-' && sign != '\u2212' && sign != '\u2013') {
            return false;
        }
        return digitsStart == 1 || !Character.isLetterOrDigit(text.charAt(digitsStart - 2));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
