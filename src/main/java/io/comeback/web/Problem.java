package io.comeback.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 7807 problem document. {@code errors} names each field (or CSV line) at fault, so a client
 * can show every mistake at once instead of one per round trip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, Long line, String message) {
        public static Violation ofField(String field, String message) {
            return new Violation(field, null, message);
        }

        public static Violation ofLine(long line, String message) {
            return new Violation(null, line, message);
        }
    }
}
