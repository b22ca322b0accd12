package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.audience.FollowUps;
import io.comeback.web.access.RouteAccessFilter;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The follow-up list: customers tagged {@code needs_follow_up} for a person to contact, and "handled". */
@Path("/api/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ConversationStore")
public class FollowUpResource {

    public record FollowUpView(
            String customerId, String name, String phone, String consent, Integer npsScore, Instant npsAt) {}

    public record HandledRequest(String by) {}

    public record HandledView(String customerId, boolean changed, String handledBy, Instant handledAt) {}

    private final FollowUps followUps;
    private final Clock clock;

    public FollowUpResource(FollowUps followUps, Clock clock) {
        this.followUps = followUps;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Customers waiting for a person (tag needs_follow_up), latest NPS answer first")
    public List<FollowUpView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return followUps.waiting(MessageResource.checkLimit(limit)).stream()
                .map(w -> new FollowUpView(
                        w.externalId(), w.name(), w.phone(), w.consentStatus(), w.npsScore(), w.npsAt()))
                .toList();
    }

    @POST
    @Path("/{externalId}/handled")
    @Operation(summary = "Handled: removes the tag and records who and when; changed is false if it was not tagged")
    public HandledView handled(
            @PathParam("externalId") String externalId,
            HandledRequest request,
            @Context ContainerRequestContext context) {
        Customer customer = Customer.findLiving(externalId)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
        String by = request != null && request.by() != null && !request.by().isBlank()
                ? request.by().strip()
                : RouteAccessFilter.callerOf(context).name();
        Instant at = clock.instant();
        boolean changed = followUps.handled(customer.id, by, at);
        return new HandledView(externalId, changed, by, at);
    }
}
