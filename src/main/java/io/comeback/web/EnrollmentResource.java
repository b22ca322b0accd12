package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.enrollment.EnrollmentStore;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A customer's enrollments: which flows, where they stand, how they ended. */
@Path("/api/customers/{externalId}/enrollments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    private final EnrollmentStore queries;

    public EnrollmentResource(EnrollmentStore queries) {
        this.queries = queries;
    }

    @GET
    @Transactional
    public List<EnrollmentStore.EnrollmentView> list(@PathParam("externalId") String externalId) {
        Customer customer = Customer.findLiving(externalId)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
        return queries.ofCustomer(customer.id);
    }
}
