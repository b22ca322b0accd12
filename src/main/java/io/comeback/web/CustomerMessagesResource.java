package io.comeback.web;

import io.comeback.audience.Customer;
import io.comeback.messaging.MessageStore;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The texts sent to one customer, newest first, each with its status history. */
@Path("/api/customers/{externalId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerMessagesResource {

    private final MessageStore log;

    public CustomerMessagesResource(MessageStore log) {
        this.log = log;
    }

    @GET
    @Transactional
    public List<MessageStore.Message> list(
            @PathParam("externalId") String externalId, @QueryParam("limit") @DefaultValue("100") int limit) {
        Customer customer = Customer.findLiving(externalId)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
        return log.ofCustomer(customer.id, MessageResource.checkLimit(limit));
    }
}
