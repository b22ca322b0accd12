package io.comeback.web.dashboard;

import io.comeback.audience.Customer;
import io.comeback.inbound.ConversationReplies;
import io.comeback.inbound.ConversationStatus;
import io.comeback.inbound.ConversationStore;
import io.comeback.inbound.ConversationSummary;
import io.comeback.inbound.ConversationThread;
import io.comeback.messaging.PersonReplies;
import io.comeback.web.access.AccessLevel;
import io.comeback.web.access.Role;
import io.comeback.web.access.Users;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
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
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One conversation: the thread with the person, oldest first, and — for marketers and admins — the reply box, the
 * assignment and the close button. Opening the thread marks it read. Viewers read only.
 */
@Path("/inbox/{id}")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class ConversationPage {

    /** How many texts of a thread the page shows. */
    static final int THREAD_LIMIT = 200;

    private final Template page;
    private final Template notFound;
    private final ConversationStore conversations;
    private final ConversationThread threads;
    private final ConversationReplies replies;
    private final ThreadMessages messages;
    private final Users users;
    private final CurrentSession session;
    private final Formats formats;
    private final Clock clock;

    public ConversationPage(
            @Location("dashboard/conversation.html") Template page,
            @Location("dashboard/not-found.html") Template notFound,
            ConversationStore conversations,
            ConversationThread threads,
            ConversationReplies replies,
            ThreadMessages messages,
            Users users,
            CurrentSession session,
            Formats formats,
            Clock clock) {
        this.page = page;
        this.notFound = notFound;
        this.conversations = conversations;
        this.threads = threads;
        this.replies = replies;
        this.messages = messages;
        this.users = users;
        this.session = session;
        this.formats = formats;
        this.clock = clock;
    }

    @TemplateData
    public record Head(
            long id,
            String person,
            String phone,
            String customerId,
            boolean open,
            String openedAt,
            String closed,
            String assignedTo,
            boolean optedOut) {}

    @TemplateData
    public record Assignee(String username, boolean selected) {}

    @GET
    public Response show(@PathParam("id") long id, @QueryParam("sent") Long sent, @QueryParam("held") String held) {
        Optional<ConversationSummary> found = conversations.find(id);
        if (found.isEmpty()) {
            return missing(id);
        }
        conversations.markRead(id, clock.instant());
        String notice = sent == null
                ? null
                : held == null
                        ? "Reply sent: it is on its way to the person (message " + sent + ")."
                        : "Reply saved (message " + sent + "): their last text is more than a day old, so it is held "
                                + "for quiet hours and leaves at 08:00 their time.";
        return Response.ok(render(found.get(), notice, null, "")).build();
    }

    @POST
    @Path("/replies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reply(@PathParam("id") long id, @FormParam("csrf") String csrf, @FormParam("body") String body) {
        session.requireFormToken(csrf);
        Optional<PersonReplies.Outcome> outcome = replies.reply(id, body, session.name());
        if (outcome.isEmpty()) {
            return missing(id);
        }
        if (outcome.get() instanceof PersonReplies.Written w) {
            String back = "/inbox/" + id + "?sent=" + w.messageId();
            if (w.statusReason() != null) {
                back += "&held=quiet-hours";
            }
            return Response.seeOther(URI.create(back + "#thread-end")).build();
        }
        String error = outcome.get() instanceof PersonReplies.Refused r
                ? "Not sent: " + r.message() + "."
                : "Not sent: " + ((PersonReplies.Invalid) outcome.get()).message() + ".";
        int status = outcome.get() instanceof PersonReplies.Refused ? 409 : 422;
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(render(conversations.find(id).orElseThrow(), null, error, body == null ? "" : body))
                .build();
    }

    @POST
    @Path("/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@PathParam("id") long id, @FormParam("csrf") String csrf, @FormParam("user") String user) {
        session.requireFormToken(csrf);
        String to = user == null || user.isBlank() ? null : user.strip();
        if (to != null && users.find(to).filter(u -> u.role() != Role.VIEWER).isEmpty()) {
            return Response.status(422)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(render(
                            conversations.find(id).orElseThrow(),
                            null,
                            "Not assigned: '" + to + "' is no marketer or admin.",
                            ""))
                    .build();
        }
        if (conversations.assign(id, to, clock.instant()).isEmpty()) {
            return missing(id);
        }
        return Response.seeOther(URI.create("/inbox/" + id)).build();
    }

    @POST
    @Path("/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response close(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        if (conversations.close(id, session.name(), clock.instant()).isEmpty()) {
            return missing(id);
        }
        return Response.seeOther(URI.create("/inbox?closed=" + id)).build();
    }

    private io.quarkus.qute.TemplateInstance render(ConversationSummary s, String notice, String error, String draft) {
        ConversationStore.Recipient to = conversations.recipient(s.id()).orElseThrow();
        boolean optedOut = s.customerId() != null
                && Customer.findLiving(s.customerId())
                        .map(c -> "opted_out".equals(c.consentStatus))
                        .orElse(false);
        String phone = s.phone() == null ? "erased" : s.phone();
        String person = s.customerName() != null ? s.customerName() : s.customerId() != null ? s.customerId() : phone;
        Head head = new Head(
                s.id(),
                person,
                phone,
                s.customerId(),
                ConversationStatus.OPEN.wire().equals(s.status()),
                formats.time(s.openedAt()),
                s.closedBy() == null ? null : formats.time(s.closedAt()) + " by " + s.closedBy(),
                s.assignedTo(),
                optedOut);
        List<Assignee> assignees = users.all().stream()
                .filter(u -> u.role() != Role.VIEWER)
                .map(u -> new Assignee(u.username(), u.username().equals(s.assignedTo())))
                .toList();
        return page.data("frame", PageFrame.of("Conversation with " + person, "inbox", session))
                .data("c", head)
                .data("messages", messages.of(threads.of(to.customerId(), to.phone(), THREAD_LIMIT), person))
                .data("limit", THREAD_LIMIT)
                .data("mayAct", session.may(AccessLevel.WRITE))
                .data("assignees", assignees)
                .data("notice", notice)
                .data("error", error)
                .data("draft", draft);
    }

    private Response missing(long id) {
        return Response.status(404)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(notFound.data("frame", PageFrame.of("Not found", "inbox", session))
                        .data("message", "There is no conversation " + id + "; the inbox lists them."))
                .build();
    }
}
