package io.comeback.engine.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The standing keyword sets (opt-out, re-subscribe, help, and the answers that confirm a keyword sign-up), globally and per country of the number a
 * text comes from. Read from flat settings an operator edits: {@code opt-out=STOP,STOPP,…} for every
 * country, {@code NO.opt-out=STOPP,STOP,…} for numbers of one country (ISO 3166 code). A country's list
 * replaces the global list of the same set for that country; the sets it does not name stay global.
 * The opt-out phrases ("please stop texting me") are understood for every country.
 */
public final class KeywordSets {

    public static final String OPT_OUT = "opt-out";
    public static final String RESUBSCRIBE = "resubscribe";
    public static final String HELP = "help";
    public static final String CONFIRM = "confirm";
    private static final Pattern COUNTRY_KEY =
            Pattern.compile("([A-Za-z]{2})\\.(" + OPT_OUT + "|" + RESUBSCRIBE + "|" + HELP + "|" + CONFIRM + ")");

    private final InboundKeywords global;
    private final Map<String, InboundKeywords> byCountry;

    private KeywordSets(InboundKeywords global, Map<String, InboundKeywords> byCountry) {
        this.global = global;
        this.byCountry = Map.copyOf(byCountry);
    }

    public static final KeywordSets DEFAULT = new KeywordSets(InboundKeywords.DEFAULT, Map.of());

    /**
     * @param settings keys relative to the settings prefix ({@code opt-out}, {@code NO.help} …); other
     *                 keys are ignored. A blank or missing global set keeps the built-in default.
     */
    public static KeywordSets fromSettings(Map<String, String> settings) {
        InboundKeywords.Vocabulary d = InboundKeywords.Vocabulary.DEFAULT;
        InboundKeywords.Vocabulary global = new InboundKeywords.Vocabulary(
                words(settings.get(OPT_OUT)).orElse(d.optOut()),
                words(settings.get(RESUBSCRIBE)).orElse(d.resubscribe()),
                words(settings.get(HELP)).orElse(d.help()),
                words(settings.get(CONFIRM)).orElse(d.confirm()));
        Map<String, Map<String, Set<String>>> countries = new HashMap<>();
        settings.forEach((key, value) -> {
            Matcher m = COUNTRY_KEY.matcher(key);
            if (m.matches()) {
                words(value)
                        .ifPresent(w -> countries
                                .computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), c -> new HashMap<>())
                                .put(m.group(2), w));
            }
        });
        Map<String, InboundKeywords> byCountry = new HashMap<>();
        countries.forEach((country, sets) -> byCountry.put(
                country,
                new InboundKeywords(new InboundKeywords.Vocabulary(
                        sets.getOrDefault(OPT_OUT, global.optOut()),
                        sets.getOrDefault(RESUBSCRIBE, global.resubscribe()),
                        sets.getOrDefault(HELP, global.help()),
                        sets.getOrDefault(CONFIRM, global.confirm())))));
        return new KeywordSets(new InboundKeywords(global), byCountry);
    }

    /** The keywords for a number of this country (ISO 3166 code; null or unknown → the global sets). */
    public InboundKeywords forCountry(String country) {
        if (country == null) {
            return global;
        }
        return byCountry.getOrDefault(country.toUpperCase(Locale.ROOT), global);
    }

    private static Optional<Set<String>> words(String list) {
        if (list == null || list.isBlank()) {
            return Optional.empty();
        }
        Set<String> words = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return words.isEmpty() ? Optional.empty() : Optional.of(words);
    }
}
