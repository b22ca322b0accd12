package io.comeback.engine.text;

/** A malformed placeholder; {@link #offset()} is the char index in the template source where it starts. */
public final class TemplateSyntaxException extends IllegalArgumentException {

    private final int offset;

    public TemplateSyntaxException(String message, int offset) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }

    /** The message without the offset suffix, for reports that show line and column themselves. */
    public String reason() {
        String message = getMessage();
        return message.substring(0, message.lastIndexOf(" (at offset "));
    }
}
