package io.comeback.engine.run;

import java.nio.file.Path;
import java.util.List;

/** The outcome of one scenario: passed when {@code failures} is empty; the timeline helps explain a failure. */
public record ScenarioResult(String name, Path file, List<String> failures, List<TimelineEntry> timeline) {

    public ScenarioResult {
        failures = List.copyOf(failures);
        timeline = List.copyOf(timeline);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Failures followed by the simulated timeline, one entry per line. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(passed() ? "PASS " : "FAIL ")
                .append(name)
                .append(" (")
                .append(file)
                .append(")\n");
        failures.forEach(f -> out.append("  - ").append(f).append('\n'));
        if (!passed()) {
            out.append("  timeline:\n");
            timeline.forEach(
                    e -> out.append("    ").append(Expectation.describe(e)).append('\n'));
        }
        return out.toString();
    }
}
