package io.comeback.web.dashboard;

import io.comeback.inbound.ConversationStatus;
import io.comeback.inbound.ConversationStore;
import io.comeback.inbound.ConversationSummary;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * The inbox: conversations with people who texted something no flow was waiting for, newest text first, with
 * unread and assigned state. Each opens its thread ({@link ConversationPage}).
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class InboxPage {

    static final int SHOWN = 200;

    @TemplateData
    public record Row(
            long id,
            String person,
            String phone,
            String customerId,
            String lastText,
            String lastAt,
            boolean unread,
            String assignedTo,
            boolean open,
            String closed) {}

    private final Template inbox;
    private final ConversationStore conversations;
    private final CurrentSession session;
    private final Formats formats;

    public InboxPage(
            @Location("dashboard/inbox.html") Template inbox,
            ConversationStore conversations,
            CurrentSession session,
            Formats formats) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.session = session;
        this.formats = formats;
    }

    /** {@code show}: {@code open} (default), {@code closed} or {@code all}. */
    @GET
    public TemplateInstance page(@QueryParam("show") String show, @QueryParam("closed") Long closed) {
        String shown = "closed".equals(show) || "all".equals(show) ? show : "open";
        Optional<ConversationStatus> status =
                "all".equals(shown) ? Optional.empty() : ConversationStatus.fromWire(shown);
        List<Row> rows = conversations.list(status, Optional.<String>empty(), SHOWN).stream()
                .map(this::row)
                .toList();
        return inbox.data("frame", PageFrame.of("Inbox", "inbox", session))
                .data("rows", rows)
                .data("show", shown)
                .data("closed", closed)
                .data("me", session.name())
                .data("shown", SHOWN);
    }

    private Row row(ConversationSummary s) {
        String phone = s.phone() == null ? "erased" : s.phone();
        String person = s.customerName() != null ? s.customerName() : s.customerId() != null ? s.customerId() : phone;
        return new Row(
                s.id(),
                person,
                phone,
                s.customerId(),
                s.lastText() == null ? "" : s.lastText(),
                formats.time(s.lastInboundAt()),
                s.unread(),
                s.assignedTo(),
                ConversationStatus.OPEN.wire().equals(s.status()),
                s.closedBy() == null ? null : formats.time(s.closedAt()) + " by " + s.closedBy());
    }
}
