package io.comeback.web;

import io.comeback.audience.Instants;
import io.comeback.audience.inactivity.InactiveAudience;
import io.comeback.audience.inactivity.InactivityConfig;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The audience an {@code inactive} flow's own windows catch now (or {@code ?asOf=}), with its cool-down. */
@Path("/api/flows/{id}/audience")
@Produces(MediaType.APPLICATION_JSON)
public class FlowAudienceResource {

    private final FlowCatalog catalog;
    private final InactiveAudience audience;
    private final Clock clock;
    private final int sampleSize;

    public FlowAudienceResource(FlowCatalog catalog, InactiveAudience audience, Clock clock, InactivityConfig config) {
        this.catalog = catalog;
        this.audience = audience;
        this.clock = clock;
        this.sampleSize = config.preview().sampleSize();
    }

    @GET
    public InactiveAudienceView audience(@PathParam("id") String id, @QueryParam("asOf") String asOfText) {
        FlowCatalog.Entry entry = catalog.entry(id)
                .orElseThrow(() -> ProblemException.notFound("no flow '" + id + "'; GET /api/flows lists them"));
        if (entry.flow() == null) {
            throw ProblemException.conflict("id", "flow '" + id + "' has errors; fix " + entry.file() + " first");
        }
        if (!(entry.flow().trigger() instanceof Trigger.Inactive trigger)) {
            throw ProblemException.conflict(
                    "id",
                    "flow '" + id + "' is triggered by "
                            + entry.flow().trigger().type()
                            + ", not inactive: only inactive flows have an audience to preview");
        }
        Instant asOf = asOfText == null
                ? Instant.now(clock)
                : Instants.parse(asOfText)
                        .orElseThrow(() -> ProblemException.invalidField(
                                "asOf", Instants.problem(asOfText, "2026-05-17T10:00:00Z")));
        InactiveAudience.FlowRules rules = InactiveAudience.FlowRules.of(entry.flow());
        return InactiveAudienceView.of(asOf, audience.preview(trigger, Optional.of(rules), asOf, sampleSize));
    }
}
