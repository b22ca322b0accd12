package io.comeback.engine.model;

import java.util.Arrays;
import java.util.Optional;

/** How a {@link Condition.Compare} compares a value; the YAML key is the operator's name. */
public enum Operator {
    /** Equal to one of the values (text compared ignoring case; numbers as numbers). YAML: {@code equals} or {@code in}. */
    EQUALS("equals"),
    /** Equal to none of the values. YAML: {@code not_equals} or {@code not_in}. */
    NOT_EQUALS("not_equals"),
    AT_LEAST("at_least"),
    AT_MOST("at_most"),
    ABOVE("above"),
    BELOW("below"),
    /** Has any non-blank value. YAML: {@code exists: true}. */
    EXISTS("exists"),
    /** Has no value. YAML: {@code exists: false}. */
    MISSING("missing");

    private final String yamlName;

    Operator(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public boolean isOrdering() {
        return this == AT_LEAST || this == AT_MOST || this == ABOVE || this == BELOW;
    }

    public static Optional<Operator> fromYaml(String text) {
        return Arrays.stream(values()).filter(o -> o.yamlName.equals(text)).findFirst();
    }
}
