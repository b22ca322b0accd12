package io.comeback.inbound;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.text.TextNormalizer;
import java.util.List;
import java.util.Optional;

/** Pure rules for where an inbound text goes, before any state is touched. */
final class InboundRouting {

    private InboundRouting() {}

    /** The text's first word as a keyword is recorded: upper case, at most 40 characters. */
    static String firstWord(String body) {
        String first = (body == null ? "" : body.strip()).split("\\s+", 2)[0].replaceAll("[^\\p{L}\\p{N}-]+$", "");
        String upper = first.toUpperCase(java.util.Locale.ROOT);
        return upper.length() <= 40 ? upper : upper.substring(0, 40);
    }

    /** The first active keyword flow one of whose words starts the text (case and accents ignored). */
    static Optional<Flow> keywordFlow(List<Flow> keywordFlows, String body) {
        String normalized = TextNormalizer.normalize(body == null ? "" : body);
        String first = TextNormalizer.normalize(normalized.split("\\s+", 2)[0]);
        for (Flow flow : keywordFlows) {
            Trigger.Keyword keyword = (Trigger.Keyword) flow.trigger();
            for (String word : keyword.words()) {
                if (first.equals(TextNormalizer.normalize(word))) {
                    return Optional.of(flow);
                }
            }
        }
        return Optional.empty();
    }
}
