package io.comeback.engine.parse;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …" for misspelt keys and names. Compares case-insensitively and ignores
 * {@code _} and {@code -}, so {@code waitForReply} and {@code wait-for-reply} both lead to
 * {@code wait_for_reply}; otherwise suggests the closest candidate within a small edit distance.
 */
public final class Suggestions {

    private Suggestions() {}

    public static Optional<String> closest(String written, Collection<String> candidates) {
        String w = squash(written);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = squash(candidate);
            int distance = c.equals(w) ? 0 : distance(w, c);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, w.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** " (did you mean `x`?)" or "" — ready to append to a message. */
    public static String didYouMean(String written, Collection<String> candidates) {
        return closest(written, candidates)
                .map(s -> " Did you mean `" + s + "`?")
                .orElse("");
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    /** Optimal string alignment distance: Levenshtein plus swapped neighbours ("sned" → "send"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
