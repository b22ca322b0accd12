package io.comeback.engine.run;

/** A scenario file that does not follow the format; the message names the file and the key. */
public final class ScenarioFormatException extends RuntimeException {

    public ScenarioFormatException(String message) {
        super(message);
    }
}
