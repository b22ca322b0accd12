package io.comeback.engine.text;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one language says in a short text to a shop's number: its standing keywords (opt-out, start, help, the
 * answers that confirm a sign-up), the opt-out phrases that say what they mean wherever they stand ("slutt å sende
 * meg meldinger"), the polite and filler words that may stand around a keyword without changing it ("takk", "nå",
 * "dette"), and the negations that turn a phrase around ("ikke slutt å sende"). Words are kept as {@link
 * TextNormalizer} leaves them (lower case, accents folded, å æ ø ä ö kept); phrases are regular expressions over the
 * text's words joined by single spaces, written the same way. The lexicons themselves are {@link KeywordLexicons}.
 *
 * @param language ISO 639-1 code: {@code nb}, {@code da}, {@code sv}, {@code fi}, {@code is}, {@code en}
 */
public record KeywordLexicon(
        String language,
        Set<String> optOut,
        Set<String> start,
        Set<String> help,
        Set<String> confirm,
        List<Pattern> optOutPhrases,
        Set<String> polite,
        Set<String> negations) {

    public KeywordLexicon {
        optOut = Set.copyOf(optOut);
        start = Set.copyOf(start);
        help = Set.copyOf(help);
        confirm = Set.copyOf(confirm);
        optOutPhrases = List.copyOf(optOutPhrases);
        polite = Set.copyOf(polite);
        negations = Set.copyOf(negations);
    }

    /** Whether any of the standing keyword sets of this language holds the word (normalised). */
    public boolean knows(String word) {
        return optOut.contains(word) || start.contains(word) || help.contains(word) || confirm.contains(word);
    }

    /** Comma-separated words or word groups, normalised: {@code "takk, tusen takk"}. */
    static Set<String> words(String list) {
        return Arrays.stream(list.split(","))
                .map(TextNormalizer::normalize)
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Phrases as regular expressions, folded like the texts they are matched against; whole words only. */
    static List<Pattern> phrases(String... expressions) {
        return Arrays.stream(expressions)
                .map(e -> Pattern.compile("(?<![\\p{L}\\p{N}'])" + TextNormalizer.fold(e) + "(?![\\p{L}\\p{N}'])"))
                .toList();
    }
}
