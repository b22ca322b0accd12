package io.comeback.web;

import io.comeback.audience.PhoneNumbers;
import io.comeback.inbound.ConversationReplies;
import io.comeback.inbound.ConversationStatus;
import io.comeback.inbound.ConversationStore;
import io.comeback.inbound.ConversationSummary;
import io.comeback.inbound.ConversationThread;
import io.comeback.messaging.PersonReplies;
import io.comeback.web.access.Role;
import io.comeback.web.access.RouteAccessFilter;
import io.comeback.web.access.Users;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ConversationStore: the inbox as one thread per person. Reading needs a key with scope {@code read}; replying,
 * assigning and closing need {@code write}. Who did it is the {@code by} of the request, else the key's name.
 */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ConversationStore")
public class ConversationResource {

    static final int THREAD_LIMIT = 200;

    /** A conversation and its thread, oldest text first (the latest {@value #THREAD_LIMIT}). */
    public record ConversationDetail(ConversationSummary conversation, List<ConversationThread.Item> messages) {}

    public record ReplyRequest(String body, String by) {}

    /** A reply on the ledger: {@code pending} until the dispatcher hands it over; held until {@code notBefore}. */
    public record ReplyView(long messageId, String status, Instant notBefore, String statusReason, String sentBy) {}

    public record AssignRequest(String user) {}

    public record CloseRequest(String by) {}

    private final ConversationStore conversations;
    private final ConversationThread threads;
    private final ConversationReplies replies;
    private final Users users;
    private final PhoneNumbers phones;
    private final Clock clock;

    public ConversationResource(
            ConversationStore conversations,
            ConversationThread threads,
            ConversationReplies replies,
            Users users,
            PhoneNumbers phones,
            Clock clock) {
        this.phones = phones;
        this.conversations = conversations;
        this.threads = threads;
        this.replies = replies;
        this.users = users;
        this.clock = clock;
    }

    @GET
    @Operation(
            summary =
                    "ConversationStore, newest text first: open ones by default, ?status=closed or all; ?phone= for one"
                            + " number")
    public List<ConversationSummary> list(
            @QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("phone") String phone,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<String> number =
                Optional.ofNullable(phone).filter(p -> !p.isBlank()).map(this::normalize);
        return conversations.list(status(status), number, MessageResource.checkLimit(limit));
    }

    private String normalize(String phone) {
        try {
            return phones.normalize(phone).e164();
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            // The message names the number and what is wrong with it.
            throw ProblemException.invalidField("phone", e.getMessage());
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One conversation with its thread: the person's texts and every text they got, with status")
    public ConversationDetail get(@PathParam("id") long id) {
        ConversationSummary summary = found(id);
        ConversationStore.Recipient to = conversations.recipient(id).orElseThrow();
        return new ConversationDetail(summary, threads.of(to.customerId(), to.phone(), THREAD_LIMIT));
    }

    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Reply: a text to the person through the ledger and the gateway; refused to a number that opted out")
    public Response reply(@PathParam("id") long id, ReplyRequest request, @Context ContainerRequestContext context) {
        String by = who(request == null ? null : request.by(), context);
        PersonReplies.Outcome outcome =
                replies.reply(id, request == null ? null : request.body(), by).orElseThrow(() -> notFound(id));
        if (outcome instanceof PersonReplies.Invalid i) {
            throw ProblemException.invalidField(i.field(), i.message());
        }
        if (outcome instanceof PersonReplies.Refused r) {
            throw ProblemException.conflict("to", r.message());
        }
        PersonReplies.Written w = (PersonReplies.Written) outcome;
        return Response.status(201)
                .entity(new ReplyView(w.messageId(), "pending", w.notBefore(), w.statusReason(), by))
                .build();
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give the conversation to a user (marketer or admin); {\"user\": null} to nobody")
    public ConversationSummary assign(@PathParam("id") long id, AssignRequest request) {
        String user =
                request == null || request.user() == null || request.user().isBlank()
                        ? null
                        : request.user().strip();
        if (user != null) {
            Optional<Users.User> found = users.find(user);
            if (found.isEmpty()) {
                throw ProblemException.invalidField("user", "no user '" + user + "'; GET /api/users lists them");
            }
            if (found.get().role() == Role.VIEWER) {
                throw ProblemException.invalidField(
                        "user", "'" + user + "' is a viewer and cannot reply; assign a marketer or an admin");
            }
        }
        return conversations.assign(id, user, clock.instant()).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close: nobody needs to answer; a new text from the person opens it again")
    public ConversationSummary close(
            @PathParam("id") long id, CloseRequest request, @Context ContainerRequestContext context) {
        String by = who(request == null ? null : request.by(), context);
        return conversations.close(id, by, clock.instant()).orElseThrow(() -> notFound(id));
    }

    static Optional<ConversationStatus> status(String status) {
        if ("all".equals(status)) {
            return Optional.empty();
        }
        return Optional.of(ConversationStatus.fromWire(status)
                .orElseThrow(() -> ProblemException.invalidField(
                        "status", "'" + status + "' is not one of open (default), closed, all")));
    }

    private ConversationSummary found(long id) {
        return conversations.find(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("no conversation " + id + "; GET /api/conversations lists them");
    }

    private static String who(String by, ContainerRequestContext context) {
        if (by != null && !by.isBlank()) {
            return by.strip();
        }
        return RouteAccessFilter.callerOf(context).name();
    }
}
