package io.comeback.engine.parse;

import io.comeback.engine.model.CampaignKeyword;
import io.comeback.engine.model.CampaignSchedule;
import io.comeback.engine.model.CampaignTest;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.LocalizedText;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** The parts only a campaign has: its schedule, its A/B test and its keyword entries. */
final class CampaignPartsReader {

    static final List<String> SCHEDULE = List.of("date", "at", "spread");
    static final List<String> SPREAD = List.of("from", "until");
    static final List<String> VARIANTS = List.of("test_percent", "decide_after", "texts");
    static final List<String> KEYWORD = List.of("words", "open_for", "confirm", "then");
    private static final Pattern FLOW_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final Problems problems;
    private final TextReader texts;
    private final String defaultLocale;

    CampaignPartsReader(Problems problems, TextReader texts, String defaultLocale) {
        this.problems = problems;
        this.texts = texts;
        this.defaultLocale = defaultLocale;
    }

    /** {@code at: "10:00"} or {@code spread: {from: "10:00", until: "16:00"}}, on {@code date} (optional). */
    Optional<CampaignSchedule> schedule(YamlMap s) {
        Optional<LocalDate> date = s.text("date").map(String::trim).flatMap(d -> date(d, s));
        if (s.has("at") == s.has("spread")) {
            problems.error(
                    s.owner(),
                    s.path(),
                    "Write either `at: \"10:00\"` (every text at that local time) or `spread: {from: \"10:00\", until: \"16:00\"}`.");
            return Optional.empty();
        }
        if (s.has("at")) {
            return s.parsed("at", n -> Times.read(n, s.childPath("at"), problems))
                    .filter(at -> inWindow(at, s.value("at").orElseThrow(), s.childPath("at")))
                    .map(at -> new CampaignSchedule(date, at, Optional.empty(), false, s.location()));
        }
        Optional<YamlMap> spread = s.map("spread", SPREAD, "`spread`");
        if (spread.isEmpty()) {
            return Optional.empty();
        }
        YamlMap p = spread.get();
        Optional<LocalTime> from = p.required("from", "say when the texts begin, e.g. `from: \"10:00\"`.")
                .flatMap(n -> Times.read(n, p.childPath("from"), problems))
                .filter(t -> inWindow(t, p.value("from").orElseThrow(), p.childPath("from")));
        Optional<LocalTime> until = p.required("until", "say when the texts end, e.g. `until: \"16:00\"`.")
                .flatMap(n -> Times.read(n, p.childPath("until"), problems))
                .filter(t -> inWindow(t, p.value("until").orElseThrow(), p.childPath("until")));
        if (from.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        if (!until.get().isAfter(from.get())) {
            problems.error(
                    p.value("until").orElseThrow(),
                    p.childPath("until"),
                    "`until` must be after `from` on the same day.");
            return Optional.empty();
        }
        return Optional.of(new CampaignSchedule(date, from.get(), until, false, s.location()));
    }

    private boolean inWindow(LocalTime time, Node node, String path) {
        if (time.isBefore(CampaignSchedule.EARLIEST) || time.isAfter(CampaignSchedule.LATEST)) {
            problems.error(
                    node,
                    path,
                    time
                            + " is outside the hours campaigns send in: pick a time from 08:00 to 21:00 (the recipient's own time).");
            return false;
        }
        return true;
    }

    private Optional<LocalDate> date(String text, YamlMap s) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            problems.error(
                    s.value("date").orElseThrow(),
                    s.childPath("date"),
                    "`" + text + "` is not a date: write yyyy-mm-dd, e.g. 2026-12-10.");
            return Optional.empty();
        }
    }

    Optional<CampaignTest> test(YamlMap v) {
        int percent = v.integer("test_percent", 2, 100).orElse(20);
        FlowDuration decideAfter = v.parsed(
                        "decide_after", n -> Durations.read(n, v.childPath("decide_after"), problems, false))
                .orElse(FlowDuration.of("PT4H"));
        return Optional.of(new CampaignTest(percent, decideAfter, v.location()));
    }

    Optional<CampaignKeyword> keyword(YamlMap k) {
        List<String> words = words(k);
        FlowDuration openFor = k.parsed("open_for", n -> Durations.read(n, k.childPath("open_for"), problems, false))
                .orElse(FlowDuration.of("P7D"));
        Optional<LocalizedText> confirm = k.required(
                        "confirm",
                        "write the answer an entry gets, e.g. `confirm: {nb: \"Du er med!\", en: \"You're in!\"}`.")
                .flatMap(n -> texts.read(n, k.childPath("confirm"), defaultLocale));
        Optional<String> then = k.text("then").map(String::trim);
        if (then.isPresent() && !FLOW_ID.matcher(then.get()).matches()) {
            problems.error(
                    k.value("then").orElseThrow(), k.childPath("then"), "`" + then.get() + "` is not a flow id.");
        }
        if (words.isEmpty() || confirm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CampaignKeyword(words, openFor, confirm.get(), then, k.location()));
    }

    private List<String> words(YamlMap k) {
        List<String> words = new ArrayList<>();
        Optional<Node> node = k.required("words", "write the word to reply, e.g. `words: [VIP]`.");
        if (node.isEmpty()) {
            return words;
        }
        if (!(node.get() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.error(node.get(), k.childPath("words"), "Expected a list of words, e.g. `words: [VIP]`.");
            return words;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            String path = k.childPath("words") + "[" + i + "]";
            Node item = seq.getValue().get(i);
            Scalars.text(item, path, problems, "a word").map(String::trim).ifPresent(w -> {
                if (w.isEmpty() || w.contains(" ")) {
                    problems.error(item, path, "A keyword is one word, e.g. VIP.");
                } else {
                    words.add(w);
                }
            });
        }
        return words;
    }
}
