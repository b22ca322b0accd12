package io.comeback.engine.model;

/**
 * Marketing messages need the customer's marketing consent and should carry an opt-out hint;
 * transactional ones (about an order the customer placed) do not need marketing consent.
 */
public enum MessageKind {
    MARKETING("marketing"),
    TRANSACTIONAL("transactional");

    private final String yamlName;

    MessageKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
