package io.comeback.web;

import io.comeback.shops.ShopWebhookStore;
import io.comeback.shops.ShopWebhookWorkers;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The shops' stored webhook deliveries as an operator sees them: those set aside after failing ({@code failed}),
 * those still to be applied, and those applied, with what applying them did. A delivery set aside can be tried again
 * once its cause is fixed.
 */
@Path("/api/shops/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class ShopDeliveriesResource {

    private static final Set<String> STATUSES = Set.of("failed", "pending", "applied");

    private final ShopWebhookStore store;
    private final ShopWebhookWorkers workers;
    private final Clock clock;

    public ShopDeliveriesResource(ShopWebhookStore store, ShopWebhookWorkers workers, Clock clock) {
        this.store = store;
        this.workers = workers;
        this.clock = clock;
    }

    /** Newest first. */
    @GET
    public List<ShopWebhookStore.Listed> list(
            @QueryParam("status") @DefaultValue("failed") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (!STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "'" + status + "' is not one of failed, pending, applied");
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalidField("limit", "between 1 and 1000");
        }
        return store.list(status, limit);
    }

    @GET
    @Path("/{id}")
    public ShopWebhookStore.Listed get(@PathParam("id") long id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("no shop webhook delivery " + id));
    }

    /** A delivery set aside is queued again from its first attempt. */
    @POST
    @Path("/{id}/retry")
    public ShopWebhookStore.Listed retry(@PathParam("id") long id) {
        if (!store.tryAgain(id, clock.instant())) {
            throw new ProblemException(
                    409,
                    "Conflict",
                    "shop webhook delivery " + id + " is not set aside (or no longer has its body)",
                    List.of());
        }
        workers.nudge();
        return store.find(id).orElseThrow();
    }
}
