package io.comeback.web;

import io.comeback.audience.inactivity.InactiveAudience;
import io.comeback.audience.inactivity.InactivityConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Audience previews, so a marketer sees who a window catches before switching a flow on. */
@Path("/api/segments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SegmentResource {

    private final InactiveAudience audience;
    private final Clock clock;
    private final int sampleSize;

    public SegmentResource(InactiveAudience audience, Clock clock, InactivityConfig config) {
        this.audience = audience;
        this.clock = clock;
        this.sampleSize = config.preview().sampleSize();
    }

    /** Ad hoc windows: no flow, so no cool-down applies. */
    @POST
    @Path("/inactive/preview")
    public InactiveAudienceView preview(InactiveSegmentRequest request) {
        Violations.requireBody(request);
        InactiveSegmentRequest.Checked checked = request.check(Instant.now(clock));
        return InactiveAudienceView.of(
                checked.asOf(), audience.preview(checked.trigger(), Optional.empty(), checked.asOf(), sampleSize));
    }
}
