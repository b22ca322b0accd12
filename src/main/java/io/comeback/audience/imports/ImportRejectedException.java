package io.comeback.audience.imports;

/** The file as a whole cannot be imported (no header, a missing column, …); nothing was changed. */
public class ImportRejectedException extends RuntimeException {
    private final long line;

    public ImportRejectedException(long line, String message) {
        super(message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
