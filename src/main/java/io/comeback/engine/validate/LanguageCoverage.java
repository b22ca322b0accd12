package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Languages;
import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.WaitForReply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which languages a flow's readers lack: for a language, the texts of the flow (sends and re-asks) that have no
 * variant in it, and what its readers get instead, chosen exactly as at runtime
 * ({@link LocalizedText#forLocale}: the same language under another tag, then its family, then the flow's
 * default). The service asks it for the languages of the customers who can enter a marketing flow; the linter
 * ({@code deploy/flows.sh lint --languages sv,da,nb,en}) for the languages a shop names.
 */
public final class LanguageCoverage {

    /**
     * A language some of the flow's texts lack.
     *
     * @param language the language (lower case, e.g. {@code sv})
     * @param steps    the steps with a text that lacks it, in file order
     * @param everyText whether every text of the flow lacks it
     * @param fallback what its readers get instead (tags, in the order first met), e.g. {@code [nb]}
     */
    public record Gap(String language, List<String> steps, boolean everyText, List<String> fallback) {

        /** "this flow has no sv text: they get nb" or "steps a, b have no sv text: they get nb there". */
        public String lacking() {
            String getting = String.join(" or ", fallback);
            return everyText
                    ? "this flow has no " + language + " text: they get " + getting
                    : (steps.size() == 1
                                    ? "step " + steps.get(0) + " has"
                                    : "steps " + String.join(", ", steps) + " have")
                            + " no " + language + " text: they get " + getting + " there";
        }

        /** The service's warning, with the share of the customers who can enter that read the language. */
        public String warning(double share) {
            return Math.round(share * 100) + " % of customers who can enter read " + name(language) + " (" + language
                    + "); " + lacking();
        }
    }

    private LanguageCoverage() {}

    /** The gaps of the flow for each of {@code languages} (tags or languages; blank ones ignored), in their order. */
    public static List<Gap> gaps(Flow flow, Collection<String> languages) {
        List<Map.Entry<String, LocalizedText>> texts = texts(flow);
        Set<String> wanted = new LinkedHashSet<>();
        for (String tag : languages) {
            String language = Languages.language(tag);
            if (!language.isEmpty()) {
                wanted.add(language);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (String language : wanted) {
            Set<String> steps = new LinkedHashSet<>();
            Set<String> fallback = new LinkedHashSet<>();
            int lacking = 0;
            for (Map.Entry<String, LocalizedText> text : texts) {
                String got = text.getValue()
                        .forLocale(language, flow.settings().defaultLocale())
                        .locale();
                if (!Languages.sameLanguage(got, language)) {
                    lacking++;
                    steps.add(text.getKey());
                    fallback.add(got);
                }
            }
            if (lacking > 0) {
                gaps.add(new Gap(language, List.copyOf(steps), lacking == texts.size(), List.copyOf(fallback)));
            }
        }
        return gaps;
    }

    /** The language's English name ({@code sv} → Swedish); the tag itself when Java does not know it. */
    static String name(String language) {
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        return name.isEmpty() ? language : name;
    }

    /** Every text of the flow by the id of its step, in file order. */
    private static List<Map.Entry<String, LocalizedText>> texts(Flow flow) {
        List<Map.Entry<String, LocalizedText>> texts = new ArrayList<>();
        for (Step step : flow.steps()) {
            if (step instanceof Send send) {
                texts.add(Map.entry(send.id(), send.text()));
            } else if (step instanceof WaitForReply reply && reply.reAsk().isPresent()) {
                texts.add(Map.entry(reply.id(), reply.reAsk().get().text()));
            }
        }
        return texts;
    }
}
