package io.comeback.web;

import io.comeback.audience.OrderInput;
import io.comeback.audience.OrderService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;

    public OrderResource(OrderService orders) {
        this.orders = orders;
    }

    /** 201 for a new order; 200 with the stored order when this {@code orderId} was sent before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(OrderInput body) {
        Violations.requireBody(body);
        OrderService.Outcome outcome = orders.place(body);
        if (outcome instanceof OrderService.Rejected r) {
            throw Violations.invalid(r.violations());
        }
        if (outcome instanceof OrderService.Created c) {
            return Response.created(UriBuilder.fromPath("/api/orders/{id}").build(c.order().orderId))
                    .entity(OrderView.of(c.order(), c.customerExternalId()))
                    .build();
        }
        OrderService.AlreadyStored s = (OrderService.AlreadyStored) outcome;
        return Response.ok(OrderView.of(s.order(), s.customerExternalId())).build();
    }

    @GET
    @Path("/{orderId}")
    public OrderView get(@PathParam("orderId") String orderId) {
        return orders.find(orderId)
                .map(c -> OrderView.of(c.order(), c.customerExternalId()))
                .orElseThrow(() -> ProblemException.notFound("no order '" + orderId + "'"));
    }
}
