package io.comeback.web;

import io.comeback.audience.Instants;
import io.comeback.enrollment.DetectionRun;
import io.comeback.enrollment.TriggerDetection;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Runs the detection pass of the date and segment flows now (operators, tests), besides the scheduled one. */
@Path("/api/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerDetectionResource {

    private final TriggerDetection detection;
    private final Clock clock;

    public TriggerDetectionResource(TriggerDetection detection, Clock clock) {
        this.detection = detection;
        this.clock = clock;
    }

    @POST
    @Path("/detect")
    public List<DetectionRun> detect(@QueryParam("asOf") String asOfText) {
        Instant asOf = asOfText == null
                ? Instant.now(clock)
                : Instants.parse(asOfText)
                        .orElseThrow(() -> ProblemException.invalidField(
                                "asOf", Instants.problem(asOfText, "2026-05-17T10:00:00Z")));
        return detection.runAll(asOf);
    }
}
