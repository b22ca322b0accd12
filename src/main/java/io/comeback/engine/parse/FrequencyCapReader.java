package io.comeback.engine.parse;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowFrequencyCap;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code settings.frequency_cap: {max: 2, per: P7D, when_capped: defer, max_delay: P3D}}:
 * at most {@code max} texts of this flow per person in any rolling {@code per}.
 */
final class FrequencyCapReader {

    private static final List<String> WHEN_CAPPED = List.of(FlowFrequencyCap.DEFER, FlowFrequencyCap.SKIP);
    private static final String EXAMPLE = "`frequency_cap: {max: 2, per: P7D}`";

    private final Problems problems;

    FrequencyCapReader(Problems problems) {
        this.problems = problems;
    }

    Optional<FlowFrequencyCap> read(YamlMap settings) {
        Optional<YamlMap> maybe =
                settings.map("frequency_cap", Vocabulary.FREQUENCY_CAP, "`frequency_cap` (e.g. " + EXAMPLE + ")");
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = maybe.get();
        Optional<Integer> max = m.required(
                        "max", "write how many texts of this flow one person may get, e.g. `max: 2`.")
                .flatMap(n -> Scalars.integer(n, m.childPath("max"), problems, 1, 100));
        Optional<FlowDuration> per = m.required("per", "write the rolling window the cap counts in, e.g. `per: P7D`.")
                .flatMap(n -> Durations.read(n, m.childPath("per"), problems, false));
        boolean skip =
                m.text("when_capped").map(String::trim).map(w -> skip(w, m)).orElse(false);
        Optional<FlowDuration> maxDelay =
                m.parsed("max_delay", n -> Durations.read(n, m.childPath("max_delay"), problems, false));
        if (skip && maxDelay.isPresent()) {
            problems.error(
                    m.keyLocation("max_delay"),
                    m.childPath("max_delay"),
                    "`max_delay` has no effect with "
                            + "`when_capped: skip` (a capped text is skipped at once): remove one of them.");
        }
        if (max.isEmpty() || per.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FlowFrequencyCap(max.get(), per.get(), skip, maxDelay, m.location()));
    }

    private boolean skip(String written, YamlMap m) {
        if (!WHEN_CAPPED.contains(written)) {
            problems.error(
                    m.value("when_capped").orElseThrow(),
                    m.childPath("when_capped"),
                    "Unknown `when_capped: "
                            + written + "`." + Suggestions.didYouMean(written, WHEN_CAPPED)
                            + " Write defer (wait for the "
                            + "earliest allowed time, the default) or skip (drop the text, recorded as blocked).");
            return false;
        }
        return written.equals(FlowFrequencyCap.SKIP);
    }
}
