package io.comeback.engine.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which written language a reader gets when theirs is not there: the same language under another tag first
 * ({@code nb-NO} → {@code nb}; {@code no}, {@code nb} and {@code nn} are one Norwegian), then a language of its
 * family that readers of it read without effort. Norwegian, Danish and Swedish are such a family: a Dane reads
 * Norwegian far better than the English a flow may default to. Finnish and Icelandic have no such neighbour, so
 * their readers get the caller's default. A language that exists is always chosen over its family: a Swede gets
 * Swedish when there is Swedish, never Norwegian.
 */
public final class Languages {

    /** Tags read as one language, the usual one first. */
    private static final Map<String, List<String>> SAME = Map.of(
            "nb", List.of("nb", "no", "nn"),
            "no", List.of("nb", "no", "nn"),
            "nn", List.of("nn", "nb", "no"));

    /** The family a reader of the language reads, nearest first. */
    private static final Map<String, List<String>> FAMILY = Map.of(
            "nb", List.of("da", "sv"),
            "no", List.of("da", "sv"),
            "nn", List.of("sv", "da"),
            "da", List.of("nb", "no", "nn", "sv"),
            "sv", List.of("nb", "no", "nn", "da"));

    /** The languages of a country's people, the most spoken first (ISO 3166 code). */
    private static final Map<String, List<String>> SPOKEN_IN = Map.ofEntries(
            Map.entry("NO", List.of("nb")),
            Map.entry("SJ", List.of("nb")),
            Map.entry("SE", List.of("sv")),
            Map.entry("DK", List.of("da")),
            Map.entry("FO", List.of("da")),
            Map.entry("GL", List.of("da")),
            Map.entry("FI", List.of("fi", "sv")),
            Map.entry("AX", List.of("sv")),
            Map.entry("IS", List.of("is")),
            Map.entry("GB", List.of("en")),
            Map.entry("IE", List.of("en")),
            Map.entry("US", List.of("en")),
            Map.entry("CA", List.of("en")),
            Map.entry("AU", List.of("en")),
            Map.entry("NZ", List.of("en")));

    private Languages() {}

    /** The language of a tag, lower case: {@code nb_NO} → {@code nb}; empty for a blank tag. */
    public static String language(String tag) {
        if (tag == null || tag.isBlank()) {
            return "";
        }
        return tag.trim().replace('_', '-').toLowerCase(Locale.ROOT).split("-", 2)[0];
    }

    /**
     * The tag among {@code available} a reader of {@code wanted} reads best: the tag itself (case and {@code _}
     * ignored), then its language, then the same language under another tag, then its family, nearest first.
     * Empty when none of them is available (the caller falls back to its default).
     */
    public static Optional<String> closest(String wanted, Collection<String> available) {
        if (wanted == null || wanted.isBlank()) {
            return Optional.empty();
        }
        String tag = wanted.trim().replace('_', '-');
        Optional<String> exact = find(available, tag);
        if (exact.isPresent()) {
            return exact;
        }
        String language = language(tag);
        for (String candidate : readable(language)) {
            Optional<String> found = find(available, candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The languages a reader of {@code language} reads, best first: itself, its other tags, its family. */
    static List<String> readable(String language) {
        List<String> same = SAME.getOrDefault(language, List.of(language));
        List<String> family = FAMILY.getOrDefault(language, List.of());
        return java.util.stream.Stream.concat(same.stream(), family.stream()).toList();
    }

    /** Whether two tags are one language: {@code nb-NO} and {@code no} are, {@code da} and {@code nb} are not. */
    public static boolean sameLanguage(String a, String b) {
        String first = language(a);
        return SAME.getOrDefault(first, List.of(first)).contains(language(b));
    }

    /** The languages spoken in a country (ISO 3166 code), the most spoken first; empty when not known here. */
    public static List<String> spokenIn(String country) {
        return country == null ? List.of() : SPOKEN_IN.getOrDefault(country.toUpperCase(Locale.ROOT), List.of());
    }

    private static Optional<String> find(Collection<String> available, String tag) {
        return available.stream().filter(a -> a.equalsIgnoreCase(tag)).findFirst();
    }
}
