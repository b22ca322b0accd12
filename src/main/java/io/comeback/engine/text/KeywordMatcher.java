package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a reply against named keyword sets, each a list of synonyms ({@code yes: [ja, jo, yes, yep]}).
 *
 * <p>Both sides are compared after {@link TextNormalizer#normalize}. A whole-reply match in any set
 * wins over a prefix match, so a reply "ikke nå" matches a set containing "ikke nå" even if
 * another set contains "ikke". A prefix match needs a word boundary after the keyword ("ja takk"
 * starts with "ja", "jamen" does not); among prefix matches the longest keyword wins, then the
 * set declared first.
 */
public final class KeywordMatcher {

    public enum MatchKind {
        WHOLE_REPLY,
        STARTS_WITH
    }

    /** {@code set} is the name of the keyword set, {@code keyword} the synonym that matched (as declared). */
    public record Match(String set, String keyword, MatchKind kind) {}

    private record Entry(String set, String keyword, String normalized, int order) {}

    private final List<Entry> entries;

    private KeywordMatcher(List<Entry> entries) {
        this.entries = entries;
    }

    /** Keyword sets in priority order (use a {@link LinkedHashMap} to keep the order of the flow file). */
    public static KeywordMatcher of(Map<String, ? extends List<String>> sets) {
        List<Entry> entries = new ArrayList<>();
        sets.forEach((set, keywords) -> keywords.stream()
                .filter(keyword -> !TextNormalizer.normalize(keyword).isEmpty())
                .forEach(keyword ->
                        entries.add(new Entry(set, keyword, TextNormalizer.normalize(keyword), entries.size()))));
        return new KeywordMatcher(List.copyOf(entries));
    }

    public Optional<Match> match(String reply) {
        String text = TextNormalizer.normalize(reply);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            if (entry.normalized().equals(text)) {
                return Optional.of(new Match(entry.set(), entry.keyword(), MatchKind.WHOLE_REPLY));
            }
        }
        return entries.stream()
                .filter(entry -> startsWithWord(text, entry.normalized()))
                .max(Comparator.comparingInt((Entry entry) -> entry.normalized().length())
                        .thenComparing(Entry::order, Comparator.reverseOrder()))
                .map(entry -> new Match(entry.set(), entry.keyword(), MatchKind.STARTS_WITH));
    }

    /** The name of the matching set, if any. */
    public Optional<String> matchSet(String reply) {
        return match(reply).map(Match::set);
    }

    static boolean startsWithWord(String text, String keyword) {
        if (!text.startsWith(keyword) || text.length() == keyword.length()) {
            return false;
        }
        return !Character.isLetterOrDigit(text.codePointAt(keyword.length()));
    }
}
