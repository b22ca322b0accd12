package io.comeback.engine.model;

/** Whether a customer who has been in the flow before may enter it again. */
public sealed interface ReEntry {

    SourceLocation location();

    /** Once per customer, ever. YAML: {@code re_entry: never} (the default). */
    record Never(SourceLocation location) implements ReEntry {}

    /** Whenever the trigger fires again, unless the customer is still in this flow. YAML: {@code re_entry: always}. */
    record Always(SourceLocation location) implements ReEntry {}

    /** Again once this long has passed since they last entered. YAML: {@code re_entry: {cooldown: P90D}}. */
    record Cooldown(FlowDuration cooldown, SourceLocation location) implements ReEntry {}
}
