package io.comeback.enrollment;

import java.time.Instant;
import java.util.Map;

/**
 * What made a customer enter a flow.
 *
 * @param variables the trigger's variables the flow can read ({@code order.id}, {@code order.total}…)
 * @param startAt   when the enrollment starts running (an order trigger's delay); null for at once
 */
public record TriggerContext(Map<String, String> variables, Instant startAt) {

    public TriggerContext {
        variables = Map.copyOf(variables);
    }

    public static TriggerContext now() {
        return new TriggerContext(Map.of(), null);
    }

    public static TriggerContext of(Map<String, String> variables) {
        return new TriggerContext(variables, null);
    }
}
