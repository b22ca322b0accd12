package io.comeback.engine.run;

/** The simulation request cannot be run as given; the message says what to change (an HTTP 400). */
public final class InvalidSimulationException extends IllegalArgumentException {

    public InvalidSimulationException(String message) {
        super(message);
    }
}
