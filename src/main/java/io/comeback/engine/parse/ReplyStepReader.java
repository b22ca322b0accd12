package io.comeback.engine.parse;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.WaitForReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a {@code wait_for_reply} step: timeout, NPS score routes, keyword routes, re-ask. */
final class ReplyStepReader {

    private static final List<String> KEYS = Vocabulary.WAIT_FOR_REPLY;
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2})\\s*(?:-|–|\\.\\.)\\s*(\\d{1,2})\\s*");
    private static final Pattern SINGLE = Pattern.compile("\\s*(\\d{1,2})\\s*");

    private final Problems problems;
    private final TextReader texts;
    private final String defaultLocale;

    ReplyStepReader(Problems problems, TextReader texts, String defaultLocale) {
        this.problems = problems;
        this.texts = texts;
        this.defaultLocale = defaultLocale;
    }

    Optional<Step> read(
            String id, Optional<Target> next, Node body, String path, SourceLocation kindAt, SourceLocation at) {
        return YamlMap.of(body, path, problems, kindAt, KEYS, "a wait_for_reply step")
                .map(reply -> {
                    FlowDuration timeout = reply.required(
                                    "timeout",
                                    "say how long to wait for an answer, e.g. `timeout: P2D`; "
                                            + "after it the customer moves on to `on_timeout` (or the next step).")
                            .flatMap(n -> Durations.read(n, reply.childPath("timeout"), problems, false))
                            .orElse(FlowDuration.of("PT0S"));
                    List<WaitForReply.ScoreRoute> scores = new ArrayList<>();
                    List<Node> scoreItems = reply.list("nps", "score routes (`- scores: 9-10` with `goto: step`)");
                    for (int i = 0; i < scoreItems.size(); i++) {
                        scoreRoute(scoreItems.get(i), reply.childPath("nps") + "[" + i + "]")
                                .ifPresent(scores::add);
                    }
                    List<WaitForReply.KeywordRoute> keywords = new ArrayList<>();
                    List<Node> keywordItems =
                            reply.list("keywords", "keyword routes (`- words: [ja, yes]` with `goto: step`)");
                    for (int i = 0; i < keywordItems.size(); i++) {
                        keywordRoute(keywordItems.get(i), reply.childPath("keywords") + "[" + i + "]")
                                .ifPresent(keywords::add);
                    }
                    Optional<WaitForReply.ReAsk> reAsk =
                            reply.map("re_ask", Vocabulary.RE_ASK, "`re_ask`").flatMap(this::reAsk);
                    return new WaitForReply(
                            id,
                            next,
                            timeout,
                            scores,
                            keywords,
                            Targets.read(reply, "otherwise"),
                            Targets.read(reply, "on_timeout"),
                            reAsk,
                            at);
                });
    }

    private Optional<WaitForReply.ScoreRoute> scoreRoute(Node node, String path) {
        return YamlMap.of(node, path, problems, Problems.at(node), Vocabulary.NPS_ROUTE, "a score route")
                .flatMap(r -> {
                    Optional<int[]> range = r.required(
                                    "scores", "write the scores this route takes, e.g. `scores: 9-10` or `scores: 0`.")
                            .flatMap(n -> range(n, r.childPath("scores")));
                    Optional<Target> target = r.required(
                                    "goto", "name the step for these scores, e.g. `goto: promoter`.")
                            .flatMap(n -> Targets.read(n, r.childPath("goto"), problems));
                    return range.flatMap(
                            s -> target.map(t -> new WaitForReply.ScoreRoute(s[0], s[1], t, r.location())));
                });
    }

    private Optional<int[]> range(Node node, String path) {
        Optional<String> text = Scalars.text(node, path, problems, "a score range such as 9-10");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher range = RANGE.matcher(text.get());
        Matcher single = SINGLE.matcher(text.get());
        int[] result = range.matches()
                ? new int[] {Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2))}
                : single.matches()
                        ? new int[] {Integer.parseInt(single.group(1)), Integer.parseInt(single.group(1))}
                        : null;
        if (result == null || result[0] > 10 || result[1] > 10 || result[0] > result[1]) {
            problems.error(
                    node,
                    path,
                    "`" + text.get() + "` is not a score range: write low-high with scores 0 to 10, "
                            + "e.g. `9-10`, `7-8`, `0-6`, or one score such as `10`.");
            return Optional.empty();
        }
        return Optional.of(result);
    }

    private Optional<WaitForReply.KeywordRoute> keywordRoute(Node node, String path) {
        return YamlMap.of(node, path, problems, Problems.at(node), Vocabulary.KEYWORD_ROUTE, "a keyword route")
                .flatMap(r -> {
                    List<String> words = new ArrayList<>();
                    r.required("words", "list the word and its synonyms, e.g. `words: [ja, yes, jepp]`.");
                    List<Node> items = r.list("words", "words");
                    for (int i = 0; i < items.size(); i++) {
                        Scalars.text(items.get(i), r.childPath("words") + "[" + i + "]", problems, "a word")
                                .map(String::trim)
                                .filter(w -> !w.isEmpty())
                                .ifPresent(words::add);
                    }
                    Optional<Target> target = r.required(
                                    "goto", "name the step for these words, e.g. `goto: interested`.")
                            .flatMap(n -> Targets.read(n, r.childPath("goto"), problems));
                    return target.filter(t -> !words.isEmpty())
                            .map(t -> new WaitForReply.KeywordRoute(words, t, r.location()));
                });
    }

    private Optional<WaitForReply.ReAsk> reAsk(YamlMap map) {
        Optional<LocalizedText> text = map.required("text", "write what to send when the answer is not understood.")
                .flatMap(n -> texts.read(n, map.childPath("text"), defaultLocale));
        int max = map.integer("max", 1, 3).orElse(WaitForReply.ReAsk.DEFAULT_MAX_TIMES);
        return text.map(t -> new WaitForReply.ReAsk(t, max, map.location()));
    }
}
