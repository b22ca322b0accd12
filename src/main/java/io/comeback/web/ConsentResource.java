package io.comeback.web;

import io.comeback.audience.ConsentHistory;
import io.comeback.audience.Customer;
import io.comeback.audience.CustomerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A person's consent: the current state and every change the ledger holds. */
@Path("/api/customers/{externalId}/consent")
public class ConsentResource {

    private final CustomerService customers;
    private final ConsentHistory history;

    public ConsentResource(CustomerService customers, ConsentHistory history) {
        this.customers = customers;
        this.history = history;
    }

    public record ConsentView(
            String customerId, String phone, CustomerApiView.Consent current, List<ConsentHistory.Change> history) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ConsentView consent(@PathParam("externalId") String externalId) {
        Customer c = customers
                .find(externalId)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
        return new ConsentView(
                c.externalId,
                c.phone,
                new CustomerApiView.Consent(c.consentStatus, c.consentSource, c.consentText, c.consentAt),
                history.of(c.id, c.phone));
    }
}
