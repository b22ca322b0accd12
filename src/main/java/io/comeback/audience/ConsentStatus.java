package io.comeback.audience;

import java.util.Arrays;
import java.util.Optional;

public enum ConsentStatus {
    UNKNOWN("unknown"), OPTED_IN("opted_in"), OPTED_OUT("opted_out");

    private final String wire;

    ConsentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ConsentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equalsIgnoreCase(value.trim())).findFirst();
    }
}
