package io.comeback.engine.model;

/**
 * Where a model element was written in its YAML file, 1-based like an editor shows it.
 * Every model element carries one so that problems found after parsing (unreachable steps,
 * unknown template variables) still point at the right line.
 */
public record SourceLocation(int line, int column) {

    /** For elements built in code (tests, defaults) rather than read from a file. */
    public static final SourceLocation UNKNOWN = new SourceLocation(0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
