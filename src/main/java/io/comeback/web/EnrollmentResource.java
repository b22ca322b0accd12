package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.enrollment.EnrollmentRemoval;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.web.access.RouteAccessFilter;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A customer's enrollments: which flows, where they stand, how they ended; and "remove from flow". */
@Path("/api/customers/{externalId}/enrollments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    public record RemoveRequest(String by) {}

    private final EnrollmentStore queries;
    private final EnrollmentRemoval removal;

    public EnrollmentResource(EnrollmentStore queries, EnrollmentRemoval removal) {
        this.queries = queries;
        this.removal = removal;
    }

    @GET
    @Transactional
    public List<EnrollmentStore.EnrollmentView> list(@PathParam("externalId") String externalId) {
        return queries.ofCustomer(customer(externalId).id);
    }

    /**
     * Ends a running enrollment: it exits with reason {@code removed}, and its texts not yet handed to the gateway
     * are blocked ({@code removed_from_flow}). 409 when it had already ended.
     */
    @POST
    @Path("/{id}/remove")
    public EnrollmentStore.EnrollmentView remove(
            @PathParam("externalId") String externalId,
            @PathParam("id") long id,
            RemoveRequest request,
            @Context ContainerRequestContext context) {
        long customerId = customer(externalId).id;
        String by = request != null && request.by() != null && !request.by().isBlank()
                ? request.by().strip()
                : RouteAccessFilter.callerOf(context).name();
        EnrollmentRemoval.Outcome outcome = removal.remove(customerId, id, by);
        if (outcome instanceof EnrollmentRemoval.NotFound) {
            throw ProblemException.notFound("customer '" + externalId + "' has no enrollment " + id
                    + "; GET /api/customers/" + externalId + "/enrollments lists them");
        }
        if (outcome instanceof EnrollmentRemoval.AlreadyEnded ended) {
            throw ProblemException.conflict(
                    "id", "enrollment " + id + " has already ended (" + ended.exitReason() + "); nothing was changed");
        }
        return queries.ofCustomer(customerId).stream()
                .filter(e -> e.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private static Customer customer(String externalId) {
        return Customer.findLiving(externalId)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
    }
}
