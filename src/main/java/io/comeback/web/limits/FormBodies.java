package io.comeback.web.limits;

import io.comeback.web.ProblemDetails;
import io.comeback.web.ProblemException;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Checks a form body (application/x-www-form-urlencoded) that has been read but not parsed: how many parameters
 * it has, and whether one holds a NUL character, which PostgreSQL cannot store in text. One pass over the bytes,
 * nothing decoded except the name of a parameter at fault.
 */
final class FormBodies {

    private FormBodies() {}

    static Optional<ProblemException> check(Buffer body, int maxParameters, String what) {
        int length = body.length();
        int parameters = 0;
        int start = 0;
        while (start <= length) {
            int end = start;
            boolean nul = false;
            while (end < length && body.getByte(end) != '&') {
                byte b = body.getByte(end);
                if (b == 0
                        || (b == '%'
                                && end + 2 < length
                                && body.getByte(end + 1) == '0'
                                && body.getByte(end + 2) == '0')) {
                    nul = true;
                }
                end++;
            }
            if (end > start) {
                parameters++;
                if (parameters > maxParameters) {
                    String message = "at most " + maxParameters + " parameters in a form for " + what
                            + " (comeback.limits.form-parameters); this one has more";
                    return Optional.of(new ProblemException(
                            413,
                            "Too many form parameters",
                            "body: " + message,
                            List.of(ProblemDetails.Violation.ofField("body", message))));
                }
                if (nul) {
                    String name = name(body.getString(start, end, "ISO-8859-1"));
                    return Optional.of(ProblemException.invalidField(
                            name, "holds a NUL character (\\u0000), which cannot be stored; remove it"));
                }
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** The decoded name of a {@code name=value} pair, NUL shown as a visible escape so the answer stays printable. */
    private static String name(String pair) {
        int equals = pair.indexOf('=');
        String raw = equals < 0 ? pair : pair.substring(0, equals);
        String decoded;
        try {
            decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = raw;
        }
        decoded = decoded.replace("\u0000", "\\u0000");
        return decoded.length() > 100 ? decoded.substring(0, 100) + "…" : decoded;
    }
}
