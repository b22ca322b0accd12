package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A message text with placeholders: {@code {{ customer.firstName }}} or, with a fallback used when
 * the value is missing or blank, {@code {{ customer.firstName | der }}}. Whitespace inside the
 * braces is optional. A path is dot-separated identifiers. A single brace and a lone {@code }}} are
 * plain text. Parsed once, rendered many times.
 */
public final class Template {

    /** {@code fallback} is null when none was written; {@code offset} is the index of "{{" in the source. */
    public record Placeholder(String path, String fallback, int offset) {
        public boolean hasFallback() {
            return fallback != null;
        }
    }

    /** The rendered text and the paths that had neither a value nor a fallback (rendered as ""). */
    public record Rendered(String text, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final String source;
    private final List<Object> parts; // String literals and Placeholders, in order
    private final List<Placeholder> placeholders;

    private Template(String source, List<Object> parts, List<Placeholder> placeholders) {
        this.source = source;
        this.parts = parts;
        this.placeholders = placeholders;
    }

    public static Template parse(String source) {
        List<Object> parts = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        int from = 0;
        int open;
        while ((open = source.indexOf("{{", from)) >= 0) {
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateSyntaxException("Placeholder is not closed: add '}}' after the name", open);
            }
            String inner = source.substring(open + 2, close);
            if (inner.contains("{{")) {
                throw new TemplateSyntaxException(
                        "Placeholder is not closed before the next '{{': add '}}' after the name", open);
            }
            Placeholder placeholder = placeholder(inner, open);
            if (open > from) {
                parts.add(source.substring(from, open));
            }
            parts.add(placeholder);
            placeholders.add(placeholder);
            from = close + 2;
        }
        if (from < source.length()) {
            parts.add(source.substring(from));
        }
        return new Template(source, List.copyOf(parts), List.copyOf(placeholders));
    }

    private static Placeholder placeholder(String inner, int offset) {
        int bar = inner.indexOf('|');
        String path = (bar < 0 ? inner : inner.substring(0, bar)).trim();
        String fallback = bar < 0 ? null : inner.substring(bar + 1).trim();
        if (path.isEmpty()) {
            throw new TemplateSyntaxException("Placeholder has no name: write e.g. {{ customer.firstName }}", offset);
        }
        if (!PATH.matcher(path).matches()) {
            throw new TemplateSyntaxException(
                    "'" + path + "' is not a valid placeholder name: use letters,"
                            + " digits and '_' separated by dots, e.g. {{ customer.firstName }}",
                    offset);
        }
        return new Placeholder(path, fallback, offset);
    }

    public String source() {
        return source;
    }

    public List<Placeholder> placeholders() {
        return placeholders;
    }

    /** Missing or blank values use the fallback; with no fallback they render as "". */
    /** The fixed words alone, placeholders left out: the shortest text this template can render. */
    public String literalText() {
        StringBuilder out = new StringBuilder(source.length());
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            }
        }
        return out.toString();
    }

    public String render(Function<String, Optional<String>> resolver) {
        return renderDetailed(resolver).text();
    }

    public Rendered renderDetailed(Function<String, Optional<String>> resolver) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        List<String> missing = List.of();
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                continue;
            }
            Placeholder placeholder = (Placeholder) part;
            Optional<String> value = resolver.apply(placeholder.path()).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                out.append(value.get());
            } else if (placeholder.hasFallback()) {
                out.append(placeholder.fallback());
            } else {
                missing = missing.isEmpty() ? new ArrayList<>() : missing;
                missing.add(placeholder.path());
            }
        }
        return new Rendered(out.toString(), missing.isEmpty() ? List.of() : List.copyOf(missing));
    }

    @Override
    public String toString() {
        return source;
    }
}
