package io.comeback.engine.validate;

import io.comeback.engine.model.Problem;
import io.comeback.engine.model.WaitForReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Score routes that overlap or leave scores out, keywords listed twice, re-asks that can never happen. */
final class ReplyChecks {

    private final List<Problem> out;

    ReplyChecks(List<Problem> out) {
        this.out = out;
    }

    void check(WaitForReply reply, String path) {
        scores(reply, path);
        keywords(reply, path);
        if (reply.reAsk().isPresent()
                && reply.scores().isEmpty()
                && reply.keywords().isEmpty()) {
            out.add(
                    Problem.warning(
                            reply.reAsk().get().location(),
                            path + ".re_ask",
                            "`re_ask` is never sent: with no "
                                    + "`nps` or `keywords` routes every reply counts as understood. Add routes, or remove `re_ask`."));
        }
    }

    private void scores(WaitForReply reply, String path) {
        if (reply.scores().isEmpty()) {
            return;
        }
        int[] routeOf = new int[11];
        java.util.Arrays.fill(routeOf, -1);
        for (int r = 0; r < reply.scores().size(); r++) {
            WaitForReply.ScoreRoute route = reply.scores().get(r);
            List<Integer> taken = new ArrayList<>();
            for (int s = route.min(); s <= route.max(); s++) {
                if (routeOf[s] >= 0) {
                    taken.add(s);
                } else {
                    routeOf[s] = r;
                }
            }
            if (!taken.isEmpty()) {
                out.add(Problem.warning(
                        route.location(),
                        path + ".nps[" + r + "]",
                        "Score" + (taken.size() > 1 ? "s " : " ")
                                + ranges(taken) + " already " + (taken.size() > 1 ? "go" : "goes")
                                + " to an earlier route; "
                                + "the first matching route wins. Make the ranges not overlap."));
            }
        }
        List<Integer> uncovered = new ArrayList<>();
        for (int s = 0; s <= 10; s++) {
            if (routeOf[s] < 0) {
                uncovered.add(s);
            }
        }
        if (!uncovered.isEmpty()) {
            out.add(Problem.info(
                    reply.scores().get(0).location(),
                    path + ".nps",
                    "Score" + (uncovered.size() > 1 ? "s " : " ")
                            + ranges(uncovered) + " have no route and go to `otherwise`"
                            + (reply.otherwise().isEmpty() ? " (here: the next step)" : "") + "."));
        }
    }

    private void keywords(WaitForReply reply, String path) {
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 0; r < reply.keywords().size(); r++) {
            for (String word : reply.keywords().get(r).words()) {
                String key = word.toLowerCase(Locale.ROOT);
                Integer earlier = seen.putIfAbsent(key, r);
                if (earlier != null) {
                    out.add(Problem.warning(
                            reply.keywords().get(r).location(),
                            path + ".keywords[" + r + "]",
                            "`" + word + "` is also listed in keywords[" + earlier
                                    + "], which wins. List each word once."));
                }
            }
        }
    }

    /** [7, 8, 10] → "7-8, 10". */
    static String ranges(List<Integer> scores) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < scores.size()) {
            int j = i;
            while (j + 1 < scores.size() && scores.get(j + 1) == scores.get(j) + 1) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(scores.get(i));
            if (j > i) {
                sb.append("-").append(scores.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
