package io.comeback.engine.model;

/** ERROR refuses the flow; WARNING and INFO are advice and never stop a flow from running. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
