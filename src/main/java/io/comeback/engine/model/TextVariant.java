package io.comeback.engine.model;

import java.util.List;

/**
 * The text of a message in one language, as written, with the {@code {{ ... }}} placeholders
 * still in it.
 *
 * <p>{@code lineStarts} holds, for each line of {@code template}, where that line's first
 * character sits in the file — when the parser can know it exactly (plain, quoted without
 * escapes, or literal {@code |} block scalars). It lets a problem inside a long text (an unknown
 * variable) point at the placeholder itself rather than at the start of the text. Empty when
 * the positions are not exact (folded {@code >} blocks, escaped characters).
 */
public record TextVariant(String locale, String template, SourceLocation location, List<SourceLocation> lineStarts) {

    public TextVariant {
        lineStarts = List.copyOf(lineStarts);
    }

    public TextVariant(String locale, String template, SourceLocation location) {
        this(locale, template, location, List.of());
    }

    /** Location of the character at {@code offset} in {@code template}; the text's start if not exact. */
    public SourceLocation locate(int offset) {
        if (lineStarts.isEmpty() || offset < 0 || offset > template.length()) {
            return location;
        }
        int line = 0;
        int lineBegin = 0;
        for (int i = 0; i < offset; i++) {
            if (template.charAt(i) == '\n') {
                line++;
                lineBegin = i + 1;
            }
        }
        if (line >= lineStarts.size()) {
            return location;
        }
        SourceLocation start = lineStarts.get(line);
        return new SourceLocation(start.line(), start.column() + (offset - lineBegin));
    }
}
