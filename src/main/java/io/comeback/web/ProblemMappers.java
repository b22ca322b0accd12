package io.comeback.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.comeback.gateway.twilio.WebhookRefused;
import io.comeback.shops.ShopWebhookRefused;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the service as problem+json; bad input never shows a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Its retry-after is sent as Retry-After with a 503 while the database cannot be reached. */
    @Inject
    DatabaseUnavailableConfig databaseUnavailable;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    /** Declared for the subtypes too, because the most specific mapper wins and Quarkus ships its own for them. */
    @ServerExceptionMapper({
        JsonProcessingException.class,
        MismatchedInputException.class,
        JsonParseException.class,
        UnrecognizedPropertyException.class,
        InvalidFormatException.class
    })
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? JsonPaths.of(m) : null;
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            field = JsonPaths.of(u);
            message = "unknown field '" + u.getPropertyName() + "'; known fields: " + u.getKnownPropertyIds();
        } else if (e instanceof InvalidFormatException f) {
            message =
                    "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
        } else if (e instanceof JsonMappingException) {
            message = "wrong type: " + e.getOriginalMessage();
        } else {
            message = "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage();
        }
        List<ProblemDetails.Violation> errors =
                List.of(ProblemDetails.Violation.ofField(field == null || field.isEmpty() ? "body" : field, message));
        return respond(new ProblemDetails(
                ProblemTypes.forStatus(400),
                "Malformed request",
                400,
                errors.get(0).field() + ": " + message,
                errors));
    }

    @ServerExceptionMapper
    public Response webhookRefused(WebhookRefused e) {
        if (e.field() != null) {
            return respond(
                    ProblemException.invalidField(e.field(), e.getMessage()).toProblem());
        }
        return respond(ProblemException.forbidden(e.getMessage()).toProblem());
    }

    @ServerExceptionMapper
    public Response shopWebhookRefused(ShopWebhookRefused e) {
        if (e.field() != null) {
            return respond(
                    ProblemException.invalidField(e.field(), e.getMessage()).toProblem());
        }
        return respond(new ProblemException(e.status(), "Unauthorized", e.getMessage(), List.of()).toProblem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ProblemDetails.Violation> errors = e.getConstraintViolations().stream()
                .map(v -> ProblemDetails.Violation.ofField(
                        JsonPaths.lastNodes(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(ProblemException.invalid(errors).toProblem());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new ProblemDetails(ProblemTypes.forStatus(status), title, status, e.getMessage(), null));
    }

    /** A JSON string holding NUL, which PostgreSQL cannot store: the client must send it without. */
    @ServerExceptionMapper
    public Response nulInText(NulRefusingStrings.NulInTextException e) {
        String field = JsonPaths.of(e);
        return respond(ProblemException.invalidField(field.isEmpty() ? "body" : field, e.getOriginalMessage())
                .toProblem());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Optional<DatabaseFailures.Failure> database = DatabaseFailures.classify(e);
        if (database.isPresent() && database.get().kind() == DatabaseFailures.Kind.UNAVAILABLE) {
            LOG.warnf("Database unavailable, answered 503: %s", database.get().message());
            long seconds = Math.max(1, databaseUnavailable.retryAfter().toSeconds());
            return Response.fromResponse(respond(new ProblemDetails(
                            ProblemTypes.forStatus(503),
                            "Service unavailable",
                            503,
                            "The database cannot be reached just now. Try again in " + seconds + " s.",
                            null)))
                    .header(HttpHeaders.RETRY_AFTER, seconds)
                    .build();
        }
        if (database.isPresent()) {
            // The checks before a write should have caught this value; PostgreSQL is the last line.
            LOG.warn("A value PostgreSQL cannot store reached a write", e);
            return respond(new ProblemDetails(
                    ProblemTypes.forStatus(422),
                    "Invalid request",
                    422,
                    "A value cannot be stored: " + database.get().message(),
                    null));
        }
        LOG.error("Unexpected failure", e);
        return respond(new ProblemDetails(
                ProblemTypes.forStatus(500),
                "Internal error",
                500,
                "The request could not be completed; the error is logged on the server.",
                null));
    }

    /** A problem answer with no field errors, for filters that refuse a request before any resource runs. */
    public static Response status(int status, String title, String detail) {
        return respond(new ProblemDetails(ProblemTypes.forStatus(status), title, status, detail, null));
    }

    /** The answer to a problem found outside a resource (a filter), as the mappers would give it. */
    public static Response of(ProblemException e) {
        return respond(e.toProblem());
    }

    static Response respond(ProblemDetails problem) {
        return Response.status(problem.status())
                .type(ProblemDetails.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
