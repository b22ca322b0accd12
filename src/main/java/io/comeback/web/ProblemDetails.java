package io.comeback.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 7807 problem document. {@code errors} names each field (or CSV line) at fault, so a client
 * can show every mistake at once instead of one per round trip. RFC 7807 calls it "problem details"; the
 * flow validator's findings are {@code Problem} (engine.model).
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(String type, String title, int status, String detail, List<Violation> errors) {

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
