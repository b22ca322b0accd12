package io.comeback.engine.run;

import java.util.ArrayList;
import java.util.List;

/** Compares a simulated timeline with a scenario's {@code expect}, {@code never} and {@code exact}. */
final class TimelineCheck {

    private TimelineCheck() {}

    static List<String> failures(Scenario scenario, List<TimelineEntry> timeline) {
        List<String> failures = new ArrayList<>();
        int from = 0;
        List<Integer> matched = new ArrayList<>();
        for (Expectation expected : scenario.expect()) {
            int found = indexOf(expected, timeline, from);
            if (found < 0) {
                boolean earlier = indexOf(expected, timeline, 0) >= 0;
                failures.add("expected " + expected
                        + (earlier
                                ? " after the previous expected entry (it came too early)"
                                : " but the timeline has no such entry"));
                continue;
            }
            matched.add(found);
            from = found + 1;
        }
        for (Expectation forbidden : scenario.never()) {
            for (TimelineEntry entry : timeline) {
                if (forbidden.matches(entry)) {
                    failures.add("expected no entry like " + forbidden + " but found " + Expectation.describe(entry));
                }
            }
        }
        if (scenario.exact() && failures.isEmpty() && matched.size() != timeline.size()) {
            for (int i = 0; i < timeline.size(); i++) {
                if (!matched.contains(i)) {
                    failures.add("exact: unexpected entry " + Expectation.describe(timeline.get(i)));
                }
            }
        }
        return failures;
    }

    private static int indexOf(Expectation expected, List<TimelineEntry> timeline, int from) {
        for (int i = from; i < timeline.size(); i++) {
            if (expected.matches(timeline.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
