package io.comeback.engine.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output of {@link FlowSimulator}: {@code {"timeline": [...], "facts": {...}}}, the timeline in time order and the
 * customer's facts ({@code customer.facts.<name>} → value) as the flow saw them at entry (at {@code start} when the
 * customer never entered), computed from the request's orders.
 */
public record SimulationResponse(List<TimelineEntry> timeline, Map<String, String> facts) {

    public SimulationResponse {
        timeline = List.copyOf(timeline);
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public SimulationResponse(List<TimelineEntry> timeline) {
        this(timeline, null);
    }
}
