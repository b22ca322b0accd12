package io.comeback.web;

import io.comeback.audience.rfm.RfmBoundaries;
import io.comeback.audience.rfm.RfmModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The RFM cut points in force, and a way to take new ones at once (e.g. right after a big import). */
@Path("/api/rfm")
@Produces(MediaType.APPLICATION_JSON)
public class RfmResource {

    private final RfmModel rfm;
    private final Clock clock;

    public RfmResource(RfmModel rfm, Clock clock) {
        this.rfm = rfm;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The RFM cut points (20/40/60/80 % of customers who ordered) scores are read against")
    public RfmBoundaries current() {
        return rfm.current()
                .orElseThrow(() -> ProblemException.notFound(
                        "no RFM cut points yet: they are taken once customers have orders (POST /api/rfm/recompute)"));
    }

    @POST
    @Path("/recompute")
    @Operation(summary = "Take new RFM cut points from the customers now")
    public RfmBoundaries recompute() {
        return rfm.recompute(clock.instant())
                .orElseThrow(() -> ProblemException.notFound(
                        "no customer has ordered yet, so there is nothing to take cut points from"));
    }
}
