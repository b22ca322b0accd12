package io.comeback.engine.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * A customer's SMS marketing consent. {@link #yamlName} is the one text for it everywhere: the audience filter
 * {@code consent: opted_in}, {@code customers.consent_status} and the API.
 */
public enum ConsentStatus {
    OPTED_IN("opted_in"),
    OPTED_OUT("opted_out"),
    UNKNOWN("unknown");

    private final String yamlName;

    ConsentStatus(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Exactly as a flow (or the database) writes it. */
    public static Optional<ConsentStatus> fromYaml(String text) {
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(text)).findFirst();
    }

    /** As shops send it through the API and CSV files: any case, blanks around it ignored. */
    public static Optional<ConsentStatus> fromWire(String value) {
        return Arrays.stream(values())
                .filter(s -> s.yamlName.equalsIgnoreCase(value.trim()))
                .findFirst();
    }
}
