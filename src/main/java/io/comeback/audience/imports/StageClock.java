package io.comeback.audience.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a batch's time goes, stage by stage ("copy", "merge", "commit"…): the import logs it per
 * batch so a slow import can be profiled from its log alone. Used by the merging thread only.
 */
final class StageClock {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Starts a batch; the time since the previous batch's last mark is booked as "idle" (waiting for parsed rows). */
    void start() {
        long now = System.nanoTime();
        nanos.clear();
        nanos.put("idle", now - last);
        last = now;
    }

    /** Books the time since the previous mark (or start) to {@code stage}. */
    void mark(String stage) {
        long now = System.nanoTime();
        nanos.merge(stage, now - last, Long::sum);
        last = now;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        nanos.forEach((stage, n) ->
                s.append(s.length() == 0 ? "" : ", ").append(stage).append(' ').append(String.format("%.2f", n / 1e9)));
        return s.toString();
    }
}
