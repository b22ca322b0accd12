package io.comeback.engine.text;

import io.comeback.engine.text.InboundKeywords.Intent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A text that is keywords and nothing but polite words: "STOP", "Stopp dette nå takk", "yes please". Read from
 * left to right, each time taking the longest keyword, else the longest polite word group, there; a word that is
 * neither means the text is no command. The keywords tell the text's language, the polite words narrow it down:
 * "STOPP" is Norwegian, Danish, Swedish or Icelandic, "Stopp takk" Norwegian or Icelandic, "Stopp nå takk"
 * Norwegian.
 */
final class ShortCommand {

    /** The intents of the keywords found, and the languages they and the polite words share, likeliest first. */
    record Read(Set<Intent> intents, List<String> languages) {}

    private final Map<Intent, Set<String>> keywords;
    private final Set<String> polite;
    private final int longestKeyword;
    private final int longestPolite;

    ShortCommand(Map<Intent, Set<String>> keywords) {
        this.keywords = Map.copyOf(keywords);
        this.polite =
                KeywordLexicons.ALL.stream().flatMap(l -> l.polite().stream()).collect(Collectors.toUnmodifiableSet());
        this.longestKeyword =
                longest(keywords.values().stream().flatMap(Set::stream).collect(Collectors.toSet()));
        this.longestPolite = longest(polite);
    }

    java.util.Optional<Read> read(List<String> words) {
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        List<String> languages = null;
        List<String> politeWords = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int length = keywordAt(words, i, intents);
            if (length > 0) {
                languages = narrow(languages, languagesKnowing(join(words, i, length)));
                i += length;
                continue;
            }
            length = longestAt(words, i, polite, longestPolite);
            if (length == 0) {
                return java.util.Optional.empty();
            }
            politeWords.add(join(words, i, length));
            i += length;
        }
        if (intents.isEmpty()) {
            return java.util.Optional.empty();
        }
        for (String word : politeWords) {
            languages = narrow(languages, languagesPolite(word));
        }
        return java.util.Optional.of(new Read(intents, languages == null ? List.of() : languages));
    }

    /** The length in words of the longest keyword at {@code i}, its intent added to {@code intents}; else 0. */
    private int keywordAt(List<String> words, int i, Set<Intent> intents) {
        for (int length = Math.min(longestKeyword, words.size() - i); length > 0; length--) {
            String candidate = join(words, i, length);
            boolean found = false;
            for (Map.Entry<Intent, Set<String>> set : keywords.entrySet()) {
                if (set.getValue().contains(candidate)) {
                    intents.add(set.getKey());
                    found = true;
                }
            }
            if (found) {
                return length;
            }
        }
        return 0;
    }

    private static int longestAt(List<String> words, int i, Set<String> set, int longest) {
        for (int length = Math.min(longest, words.size() - i); length > 0; length--) {
            if (set.contains(join(words, i, length))) {
                return length;
            }
        }
        return 0;
    }

    /** Keeps the languages both lists allow; a list that allows none of the current ones is no evidence. */
    private static List<String> narrow(List<String> current, List<String> next) {
        if (next.isEmpty()) {
            return current;
        }
        if (current == null) {
            return next;
        }
        List<String> both = current.stream().filter(next::contains).toList();
        return both.isEmpty() ? current : both;
    }

    private static List<String> languagesKnowing(String keyword) {
        return KeywordLexicons.ALL.stream()
                .filter(l -> l.knows(keyword))
                .map(KeywordLexicon::language)
                .toList();
    }

    private static List<String> languagesPolite(String word) {
        return KeywordLexicons.ALL.stream()
                .filter(l -> l.polite().contains(word))
                .map(KeywordLexicon::language)
                .toList();
    }

    private static String join(List<String> words, int from, int length) {
        return String.join(" ", words.subList(from, from + length));
    }

    private static int longest(Set<String> groups) {
        return groups.stream().mapToInt(g -> g.split(" ").length).max().orElse(1);
    }
}
