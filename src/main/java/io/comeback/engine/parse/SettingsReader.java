package io.comeback.engine.parse;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowFrequencyCap;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.model.QuietHoursWindow;
import io.comeback.engine.model.SourceLocation;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads {@code settings:}; every key is optional and falls back to {@link FlowSettings#defaults()}. */
final class SettingsReader {

    static final List<String> KEYS = Vocabulary.SETTINGS;
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final Problems problems;

    SettingsReader(Problems problems) {
        this.problems = problems;
    }

    FlowSettings read(Optional<YamlMap> maybe) {
        FlowSettings d = FlowSettings.defaults();
        if (maybe.isEmpty()) {
            return d;
        }
        YamlMap s = maybe.get();
        MessageKind kind =
                s.text("kind").map(String::trim).flatMap(k -> kind(k, s)).orElse(d.kind());
        int priority = s.integer("priority", 0, 100).orElse(d.priority());
        Optional<QuietHoursWindow> quiet = s.has("quiet_hours") ? quietHours(s) : d.quietHours();
        int maxSegments =
                s.integer("max_segments", 1, FlowSettings.MOST_SEGMENTS).orElse(d.maxSegments());
        String locale = s.text("default_locale")
                .map(String::trim)
                .filter(l -> locale(l, s))
                .orElse(d.defaultLocale());
        FlowDuration attribution = s.parsed(
                        "attribution_window", n -> Durations.read(n, s.childPath("attribution_window"), problems, true))
                .orElse(d.attributionWindow());
        Optional<FlowFrequencyCap> cap =
                s.has("frequency_cap") ? new FrequencyCapReader(problems).read(s) : Optional.empty();
        return new FlowSettings(kind, priority, quiet, maxSegments, locale, attribution, cap, s.location());
    }

    private Optional<MessageKind> kind(String k, YamlMap s) {
        Optional<MessageKind> kind = Arrays.stream(MessageKind.values())
                .filter(m -> m.yamlName().equals(k))
                .findFirst();
        if (kind.isEmpty()) {
            List<String> names = Arrays.stream(MessageKind.values())
                    .map(MessageKind::yamlName)
                    .toList();
            problems.error(
                    s.value("kind").orElseThrow(),
                    s.childPath("kind"),
                    "Unknown kind `" + k + "`."
                            + Suggestions.didYouMean(k, names)
                            + " Write marketing (offers, needs consent) or transactional "
                            + "(about an order the customer placed).");
        }
        return kind;
    }

    private boolean locale(String l, YamlMap s) {
        if (LOCALE.matcher(l).matches()) {
            return true;
        }
        problems.error(
                s.value("default_locale").orElseThrow(),
                s.childPath("default_locale"),
                "`" + l + "` is not a language tag: write a lower-case tag such as nb, en or sv.");
        return false;
    }

    /** {@code quiet_hours: none} turns them off; otherwise {@code {start: "21:00", end: "08:00"}}. */
    private Optional<QuietHoursWindow> quietHours(YamlMap s) {
        Node node = s.value("quiet_hours").orElseThrow();
        String path = s.childPath("quiet_hours");
        if (node instanceof ScalarNode scalar) {
            if (!scalar.getValue().trim().equals("none")) {
                problems.error(
                        node,
                        path,
                        "Write `quiet_hours: none` to send at any hour, or "
                                + "`quiet_hours: {start: \"21:00\", end: \"08:00\"}`.");
                return FlowSettings.defaults().quietHours();
            }
            return Optional.empty();
        }
        Optional<YamlMap> window =
                YamlMap.of(node, path, problems, s.keyLocation("quiet_hours"), Vocabulary.QUIET_HOURS, "`quiet_hours`");
        if (window.isEmpty()) {
            return FlowSettings.defaults().quietHours();
        }
        YamlMap w = window.get();
        QuietHoursWindow d = QuietHoursWindow.DEFAULT;
        LocalTime start = w.required("start", "write when the quiet hours begin, e.g. `start: \"21:00\"`.")
                .flatMap(n -> Times.read(n, w.childPath("start"), problems))
                .orElse(d.start());
        LocalTime end = w.required("end", "write when the quiet hours end, e.g. `end: \"08:00\"`.")
                .flatMap(n -> Times.read(n, w.childPath("end"), problems))
                .orElse(d.end());
        SourceLocation at = w.location();
        if (start.equals(end) && w.has("start") && w.has("end")) {
            problems.error(
                    at,
                    path,
                    "Quiet hours start and end at the same time. Write `quiet_hours: none` to send " + "at any hour.");
        }
        return Optional.of(new QuietHoursWindow(start, end, at));
    }
}
