package io.comeback.web;

import io.comeback.audience.Instants;
import io.comeback.enrollment.InactivityDetector;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Runs a detection pass now (operators, benchmarks), besides the scheduled one. */
@Path("/api/inactivity")
@Produces(MediaType.APPLICATION_JSON)
public class InactivityResource {

    private final InactivityDetector detector;
    private final Clock clock;

    public InactivityResource(InactivityDetector detector, Clock clock) {
        this.detector = detector;
        this.clock = clock;
    }

    @POST
    @Path("/detect")
    public List<InactivityDetector.FlowRun> detect(@QueryParam("asOf") String asOfText) {
        Instant asOf = asOfText == null
                ? Instant.now(clock)
                : Instants.parse(asOfText)
                        .orElseThrow(() -> ProblemException.invalidField(
                                "asOf", Instants.problem(asOfText, "2026-05-17T10:00:00Z")));
        return detector.runAll(asOf);
    }
}
