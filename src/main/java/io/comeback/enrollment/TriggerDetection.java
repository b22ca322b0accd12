package io.comeback.enrollment;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The periodic pass of the {@code date} and {@code segment} flows (the {@code inactive} ones have their own). */
@ApplicationScoped
public class TriggerDetection {

    private final DateTriggerDetector dates;
    private final SegmentDetector segments;

    public TriggerDetection(DateTriggerDetector dates, SegmentDetector segments) {
        this.dates = dates;
        this.segments = segments;
    }

    /** Every date flow, then every segment flow, each flow on its own. */
    public List<DetectionRun> runAll(Instant asOf) {
        List<DetectionRun> runs = new ArrayList<>(dates.runAll(asOf));
        runs.addAll(segments.runAll(asOf));
        return runs;
    }
}
