package io.comeback.web;

import io.comeback.audience.OrderInput;
import io.comeback.audience.OrderService;
import io.comeback.audience.money.ExchangeRates;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
    private final ExchangeRates rates;

    public OrderResource(OrderService orders, ExchangeRates rates) {
        this.orders = orders;
        this.rates = rates;
    }

    /**
     * 201 for a new order. An {@code orderId} sent before: 200 with the stored order, updated when this body says
     * something else about it (header {@code Comeback-Order: updated} or {@code unchanged}); 409 when it names
     * another customer.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(OrderInput body) {
        Violations.requireBody(body);
        OrderService.Outcome outcome = orders.place(body);
        if (outcome instanceof OrderService.Created c) {
            return Response.created(UriBuilder.fromPath("/api/orders/{id}")
                            .build(c.order().orderId()))
                    .entity(OrderView.of(c.order(), c.customerExternalId(), rates.currency()))
                    .build();
        }
        return stored(outcome);
    }

    /**
     * Status, amount and refunds of a stored order: {@code status} placed, paid, pending, cancelled, refunded or
     * partially_refunded; {@code total} the amount ordered; {@code refunded} what was refunded of it. Fields left
     * out stay as they are. A cancelled or pending order stops counting as a purchase; a refund lowers revenue.
     */
    @PATCH
    @Path("/{orderId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response change(@PathParam("orderId") String orderId, OrderService.OrderPatch body) {
        Violations.requireBody(body);
        return stored(orders.change(orderId, body)
                .orElseThrow(() -> ProblemException.notFound("no order '" + orderId + "'")));
    }

    @GET
    @Path("/{orderId}")
    public OrderView get(@PathParam("orderId") String orderId) {
        return orders.findOrder(orderId)
                .map(c -> OrderView.of(c.order(), c.customerExternalId(), rates.currency()))
                .orElseThrow(() -> ProblemException.notFound("no order '" + orderId + "'"));
    }

    private Response stored(OrderService.Outcome outcome) {
        if (outcome instanceof OrderService.Rejected r) {
            if (r.conflict()) {
                throw ProblemException.conflict(
                        r.violations().get(0).field(), r.violations().get(0).message());
            }
            throw Violations.invalid(r.violations());
        }
        if (outcome instanceof OrderService.Updated u) {
            return Response.ok(OrderView.of(u.order(), u.customerExternalId(), rates.currency()))
                    .header("Comeback-Order", "updated")
                    .build();
        }
        OrderService.AlreadyStored s = (OrderService.AlreadyStored) outcome;
        return Response.ok(OrderView.of(s.order(), s.customerExternalId(), rates.currency()))
                .header("Comeback-Order", "unchanged")
                .build();
    }
}
