package io.comeback.web.access;

import io.comeback.web.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** The 429 answer to a client or account over its limit of failed attempts. */
public final class TooManyFailures {

    private TooManyFailures() {}

    /** Whole seconds to wait, rounded up, at least one: what {@code Retry-After} says. */
    public static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    public static Response answer(Duration wait) {
        long seconds = seconds(wait);
        return Response.fromResponse(ProblemMappers.status(
                        429,
                        "Too many failed attempts",
                        "Too many failed attempts from here; try again in " + seconds + " seconds."))
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .build();
    }
}
