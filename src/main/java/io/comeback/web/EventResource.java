package io.comeback.web;

import io.comeback.audience.EventInput;
import io.comeback.audience.EventService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;

    public EventResource(EventService events) {
        this.events = events;
    }

    public record EventView(long id, String customerId, String type, Instant at, Map<String, Object> properties) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(EventInput body) {
        Violations.requireBody(body);
        EventService.Outcome outcome = events.record(body);
        if (outcome instanceof EventService.Rejected r) {
            throw Violations.invalid(r.violations());
        }
        EventService.Recorded e = (EventService.Recorded) outcome;
        return Response.status(201)
                .entity(new EventView(
                        e.event().id, e.customerExternalId(), e.event().type, e.event().at, e.event().properties))
                .build();
    }
}
