package io.comeback.web;

import java.util.List;

/** Thrown anywhere a request cannot be honoured; mapped to problem+json without a stack trace. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<ProblemDetails.Violation> violations;

    public ProblemException(int status, String title, String detail, List<ProblemDetails.Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException invalid(List<ProblemDetails.Violation> violations) {
        String detail = violations.size() == 1
                ? describe(violations.get(0))
                : violations.size() + " fields are invalid: "
                        + String.join(
                                "; ",
                                violations.stream()
                                        .map(ProblemException::describe)
                                        .toList());
        return new ProblemException(422, "Invalid request", detail, violations);
    }

    public static ProblemException invalidField(String field, String message) {
        return invalid(List.of(ProblemDetails.Violation.ofField(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "Conflict", detail, List.of(ProblemDetails.Violation.ofField(field, detail)));
    }

    private static String describe(ProblemDetails.Violation v) {
        return (v.field() != null ? v.field() : "line " + v.line()) + ": " + v.message();
    }

    public ProblemDetails toProblem() {
        return new ProblemDetails(
                ProblemTypes.forStatus(status), title, status, getMessage(), violations.isEmpty() ? null : violations);
    }

    public int status() {
        return status;
    }
}
