package io.comeback.web;

import io.comeback.messaging.Inbox;
import io.comeback.messaging.MessageLog;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

/** The message log (outbound texts with their status history) and the inbox. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private static final Set<String> STATUSES = Set.of("pending", "dispatching", "unknown", "blocked", "refused",
            "queued", "sending", "sent", "delivered", "undelivered", "failed");
    private static final int MAX_LIMIT = 1000;

    private final MessageLog log;
    private final Inbox inbox;

    public MessageResource(MessageLog log, Inbox inbox) {
        this.log = log;
        this.inbox = inbox;
    }

    @GET
    @Path("/messages")
    public List<MessageLog.Message> messages(@QueryParam("flow") String flow, @QueryParam("status") String status,
                                             @QueryParam("limit") @DefaultValue("100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "'" + status + "' is not a status; use one of "
                    + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return log.find(blankToNull(flow), status, checkLimit(limit));
    }

    @GET
    @Path("/inbox")
    public List<Inbox.Item> inbox(@QueryParam("limit") @DefaultValue("100") int limit) {
        return inbox.latest(checkLimit(limit));
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
