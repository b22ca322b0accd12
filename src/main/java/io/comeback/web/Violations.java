package io.comeback.web;

import io.comeback.audience.FieldViolation;
import java.util.List;

final class Violations {
    private Violations() {}

    static ProblemException invalid(List<FieldViolation> violations) {
        return ProblemException.invalid(violations.stream()
                .map(v -> ProblemDetails.Violation.ofField(v.field(), v.message()))
                .toList());
    }

    static void requireBody(Object body) {
        if (body == null) {
            throw new ProblemException(
                    400,
                    "Malformed request",
                    "body: a JSON object is required",
                    List.of(ProblemDetails.Violation.ofField("body", "a JSON object is required")));
        }
    }
}
