package io.comeback.web;

import io.comeback.inbound.Inbox;
import io.comeback.messaging.LedgerStatus;
import io.comeback.messaging.MessageStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/** The message log (outbound texts with their status history) and the inbox. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private static final int MAX_LIMIT = 1000;

    private final MessageStore log;
    private final Inbox inbox;

    public MessageResource(MessageStore log, Inbox inbox) {
        this.log = log;
        this.inbox = inbox;
    }

    @GET
    @Path("/messages")
    public List<MessageStore.Message> messages(
            @QueryParam("flow") String flow,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (status != null && LedgerStatus.fromWire(status).isEmpty()) {
            throw ProblemException.invalidField(
                    "status",
                    "'" + status + "' is not a status; use one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(LedgerStatus.values())
                                            .map(LedgerStatus::wire)
                                            .sorted()
                                            .toList()));
        }
        return log.find(blankToNull(flow), status, checkLimit(limit));
    }

    /** Replies that need a person, newest first: open ones by default, {@code ?handled=true} or {@code all}. */
    @GET
    @Path("/inbox")
    public List<Inbox.Item> inbox(
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("handled") @DefaultValue("false") String handled) {
        return inbox.latest(checkLimit(limit), show(handled));
    }

    public record HandledRequest(String by) {}

    /** Marks an inbox reply handled; idempotent (the first time and person are kept). */
    @POST
    @Path("/inbox/{id}/handled")
    @Consumes(MediaType.APPLICATION_JSON)
    public Inbox.Item handled(@PathParam("id") long id, HandledRequest request) {
        String by = request == null || request.by() == null || request.by().isBlank()
                ? "api"
                : request.by().strip();
        return inbox.markHandled(id, by)
                .orElseThrow(() -> ProblemException.notFound("no inbox reply " + id + "; GET /api/inbox lists them"));
    }

    static Inbox.Show show(String handled) {
        switch (handled.toLowerCase(java.util.Locale.ROOT)) {
            case "false":
                return Inbox.Show.OPEN;
            case "true":
                return Inbox.Show.HANDLED;
            case "all":
                return Inbox.Show.ALL;
            default:
                throw ProblemException.invalidField(
                        "handled", "'" + handled + "' is not one of false (default), true, all");
        }
    }

    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
