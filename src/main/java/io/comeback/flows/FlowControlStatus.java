package io.comeback.flows;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code flow_controls.status} holds (V170): a flow a marketer left {@code active} (also: no row) or
 * {@code paused}. SQL text names them by {@link #wire()}.
 */
public enum FlowControlStatus {
    ACTIVE,
    PAUSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exactly as stored; empty for anything else. */
    public static Optional<FlowControlStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }
}
