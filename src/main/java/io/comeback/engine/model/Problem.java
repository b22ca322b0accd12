package io.comeback.engine.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about a flow file. {@code path} names the element the way a reader would look
 * for it ({@code steps[2].next}, {@code trigger.inactive.no_purchase_for}); {@code message}
 * says what is wrong and what to write instead.
 */
public record Problem(Severity severity, int line, int column, String path, String message) {

    /** File order, so a report reads top to bottom like the file. */
    public static final Comparator<Problem> IN_FILE_ORDER = Comparator.comparingInt(Problem::line)
            .thenComparingInt(Problem::column)
            .thenComparing(Problem::severity)
            .thenComparing(Problem::path)
            .thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(severity, "severity");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(SourceLocation at, String path, String message) {
        return new Problem(Severity.ERROR, at.line(), at.column(), path, message);
    }

    public static Problem warning(SourceLocation at, String path, String message) {
        return new Problem(Severity.WARNING, at.line(), at.column(), path, message);
    }

    public static Problem info(SourceLocation at, String path, String message) {
        return new Problem(Severity.INFO, at.line(), at.column(), path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code line:column: severity: message} — the form compilers use, so editors can jump to it. */
    public String format() {
        return line + ":" + column + ": " + severity.label() + ": " + message
                + (path.isEmpty() ? "" : " (at " + path + ")");
    }
}
