package io.comeback.web.dashboard;

import io.comeback.inbound.Inbox;
import io.comeback.web.access.AccessLevel;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Replies that need a person, newest first, each with a "Mark handled" button (a form with the session's CSRF token). */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class InboxPage {

    static final int SHOWN = 200;

    @TemplateData
    public record Row(
            long id,
            String from,
            String customerId,
            String body,
            String receivedAt,
            String autoReply,
            boolean handled,
            String handledAt,
            String handledBy) {}

    private final Template inbox;
    private final Inbox replies;
    private final CurrentSession session;
    private final Formats formats;

    public InboxPage(
            @Location("dashboard/inbox.html") Template inbox, Inbox replies, CurrentSession session, Formats formats) {
        this.inbox = inbox;
        this.replies = replies;
        this.session = session;
        this.formats = formats;
    }

    @GET
    public TemplateInstance page(@QueryParam("show") String show, @QueryParam("done") Long done) {
        boolean all = "all".equals(show);
        List<Row> rows = replies.latest(SHOWN, all ? Inbox.Show.ALL : Inbox.Show.OPEN).stream()
                .map(i -> new Row(
                        i.id(),
                        i.from() == null ? "erased" : i.from(),
                        i.customerId(),
                        i.body(),
                        formats.time(i.receivedAt()),
                        i.autoReply(),
                        i.handled(),
                        formats.time(i.handledAt()),
                        i.handledBy()))
                .toList();
        return inbox.data("frame", PageFrame.of("Inbox", "inbox", session))
                .data("rows", rows)
                .data("all", all)
                .data("mayAct", session.may(AccessLevel.WRITE))
                .data("done", done)
                .data("shown", SHOWN);
    }

    @POST
    @Path("/{id}/handled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response markHandled(
            @PathParam("id") long id, @FormParam("csrf") String csrf, @FormParam("show") String show) {
        session.requireFormToken(csrf);
        if (replies.markHandled(id, session.name()).isEmpty()) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("No inbox reply " + id + ".")
                    .build();
        }
        String back = "all".equals(show) ? "/inbox?show=all&done=" + id : "/inbox?done=" + id;
        return Response.seeOther(URI.create(back)).build();
    }
}
