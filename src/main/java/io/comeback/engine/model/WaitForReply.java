package io.comeback.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits for the customer's answer to the previous message and routes on it.
 *
 * <p>A reply is matched in this order: an NPS score 0–10 ({@code 9}, {@code 9/10}, {@code ti},
 * {@code nine}) against {@code scores}, then the {@code keywords} groups. A reply that matches
 * nothing is re-asked with {@code reAsk} while re-asks remain (the timeout starts again), then
 * goes to {@code otherwise}. With no scores and no keywords every reply goes to {@code otherwise}.
 * When {@code timeout} passes without a reply the customer goes to {@code onTimeout}. Empty
 * targets mean the flow's successor of this step. After it, {@code reply.text} and
 * {@code reply.score} can be used in texts, conditions and {@code set}.
 */
public record WaitForReply(
        String id,
        Optional<Target> next,
        FlowDuration timeout,
        List<ScoreRoute> scores,
        List<KeywordRoute> keywords,
        Optional<Target> otherwise,
        Optional<Target> onTimeout,
        Optional<ReAsk> reAsk,
        SourceLocation location)
        implements Step {

    public WaitForReply {
        scores = List.copyOf(scores);
        keywords = List.copyOf(keywords);
    }

    public String kind() {
        return "wait_for_reply";
    }

    @Override
    public List<Target> jumps() {
        List<Target> all = new ArrayList<>(next().stream().toList());
        scores.forEach(s -> all.add(s.target()));
        keywords.forEach(k -> all.add(k.target()));
        otherwise.ifPresent(all::add);
        onTimeout.ifPresent(all::add);
        return all;
    }

    /** Scores {@code min..max} inclusive go to {@code target}. YAML: {@code - scores: 9-10, goto: promoter}. */
    public record ScoreRoute(int min, int max, Target target, SourceLocation location) {
        public boolean matches(int score) {
            return score >= min && score <= max;
        }
    }

    /**
     * A reply that is, or starts with, one of {@code words} (ignoring case and punctuation)
     * goes to {@code target}. Synonyms are simply more words in the same group.
     */
    public record KeywordRoute(List<String> words, Target target, SourceLocation location) {
        public KeywordRoute {
            words = List.copyOf(words);
        }
    }

    /** Sent when a reply is not understood, at most {@code maxTimes} times per step. */
    public record ReAsk(LocalizedText text, int maxTimes, SourceLocation location) {
        public static final int DEFAULT_MAX_TIMES = 1;
    }
}
