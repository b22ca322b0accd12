package io.comeback.engine.model;

/** A jump to another step ({@code next}, {@code goto}, {@code on_timeout}), kept with its location to report a missing step where it was named. */
public record Target(String stepId, SourceLocation location) {

    @Override
    public String toString() {
        return stepId;
    }
}
