package io.comeback.engine.run;

import java.util.List;

/** Output of {@link FlowSimulator}: {@code {"timeline": [...]}} in time order. */
public record SimulationResponse(List<TimelineEntry> timeline) {

    public SimulationResponse {
        timeline = List.copyOf(timeline);
    }
}
