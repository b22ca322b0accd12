package io.comeback.engine.model;

import java.util.Arrays;
import java.util.Optional;

/** A customer's SMS marketing consent as the audience filter {@code consent: opted_in} names it. */
public enum ConsentStatus {
    OPTED_IN("opted_in"), OPTED_OUT("opted_out"), UNKNOWN("unknown");

    private final String yamlName;

    ConsentStatus(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<ConsentStatus> fromYaml(String text) {
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(text)).findFirst();
    }
}
