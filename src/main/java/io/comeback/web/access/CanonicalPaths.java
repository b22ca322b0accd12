package io.comeback.web.access;

import java.util.Optional;

/**
 * Refuses request paths that a router could read differently from a person or a proxy: empty segments ({@code //}),
 * dot segments ({@code /./}, {@code /../}), matrix parameters ({@code ;}), backslashes, and percent-escapes of
 * characters that never need one (letters, digits, {@code - . _ ~}) or that change the path's shape ({@code / \ ;}).
 * A client that means a path writes it plainly, so none of these is a real request; answering them 400 means no
 * later step can disagree about which resource was asked for.
 */
public final class CanonicalPaths {

    private CanonicalPaths() {}

    /** Why the raw path (no query) is ambiguous, or empty when it is canonical. */
    public static Optional<String> ambiguity(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("the path must start with '/'");
        }
        if (rawPath.contains("//")) {
            return Optional.of("empty path segment ('//')");
        }
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("';' in the path");
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("'\\' in the path");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return Optional.of("control character or space in the path");
            }
            if (c == '%') {
                Optional<String> escape = escapeProblem(rawPath, i);
                if (escape.isPresent()) {
                    return escape;
                }
                i += 2;
            }
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("dot segment ('" + segment + "') in the path");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> escapeProblem(String path, int at) {
        if (at + 2 >= path.length() || hex(path.charAt(at + 1)) < 0 || hex(path.charAt(at + 2)) < 0) {
            return Optional.of("malformed percent-escape in the path");
        }
        char decoded = (char) (hex(path.charAt(at + 1)) * 16 + hex(path.charAt(at + 2)));
        if (decoded < 0x20 || decoded == 0x7f) {
            return Optional.of("escaped control character in the path");
        }
        if (Character.isLetterOrDigit(decoded) && decoded < 0x80 || "-._~/\\;".indexOf(decoded) >= 0) {
            return Optional.of(
                    "needless or shape-changing percent-escape ('" + path.substring(at, at + 3) + "') in the path");
        }
        return Optional.empty();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
