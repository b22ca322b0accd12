package io.comeback.web.dashboard;

import io.comeback.audience.Customer;
import io.comeback.audience.FollowUps;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.enrollment.EnrollmentRemoval;
import io.comeback.web.access.AccessLevel;
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
 * A customer's profile and consent, RFM, attributes, tags, enrollments, NPS answers, consent history, texts, clicks
 * and the merged timeline; the search box of the layout lands here. Marketers and admins can remove the customer
 * from a flow and mark their follow-up handled.
 */
@Path("/customers")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class CustomerPage {

    static final int TIMELINE_LIMIT = 200;

    @TemplateData
    public record Profile(
            String externalId,
            String name,
            String phone,
            String email,
            String locale,
            String timeZone,
            String consentStatus,
            String consentKey,
            String consentSource,
            String consentAt,
            String consentText,
            int ordersCount,
            String totalSpent,
            String firstOrderAt,
            String lastOrderAt,
            String createdAt) {}

    @TemplateData
    public record Entry(String at, String kind, String title, String detail, String status) {}

    private final Template customer;
    private final Template notFound;
    private final CustomerTimeline timeline;
    private final PhoneNumbers phones;
    private final CurrentSession session;
    private final Formats formats;
    private final CustomerSections sections;
    private final EnrollmentRemoval removal;
    private final FollowUps followUps;
    private final Clock clock;
    private final ExchangeRates rates;

    public CustomerPage(
            @Location("dashboard/customer.html") Template customer,
            @Location("dashboard/customer-not-found.html") Template notFound,
            CustomerTimeline timeline,
            PhoneNumbers phones,
            CurrentSession session,
            Formats formats,
            CustomerSections sections,
            EnrollmentRemoval removal,
            FollowUps followUps,
            Clock clock,
            ExchangeRates rates) {
        this.rates = rates;
        this.customer = customer;
        this.notFound = notFound;
        this.timeline = timeline;
        this.phones = phones;
        this.session = session;
        this.formats = formats;
        this.sections = sections;
        this.removal = removal;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** The search box: an exact external id, else a phone number in any form the API accepts. */
    @GET
    public Response search(@QueryParam("q") String q) {
        String query = q == null ? "" : q.strip();
        Optional<Customer> found =
                query.isEmpty() ? Optional.empty() : Customer.findLiving(query).or(() -> byPhone(query));
        if (found.isPresent()) {
            return Response.seeOther(URI.create("/customers/" + TemplateExtensions.pathSegment(found.get().externalId)))
                    .build();
        }
        return notFound(query);
    }

    @GET
    @Path("/{externalId}")
    public Response page(
            @PathParam("externalId") String externalId,
            @QueryParam("removed") Long removed,
            @QueryParam("followUp") String followUp) {
        Optional<Customer> found = Customer.findLiving(externalId);
        if (found.isEmpty()) {
            return notFound(externalId);
        }
        Customer c = found.get();
        String name = String.join(
                        " ",
                        Optional.ofNullable(c.firstName).orElse(""),
                        Optional.ofNullable(c.lastName).orElse(""))
                .strip();
        Profile profile = new Profile(
                c.externalId,
                name.isEmpty() ? c.externalId : name,
                c.phone,
                c.email,
                c.locale,
                c.timeZone,
                c.consentStatus.replace('_', ' '),
                c.consentStatus,
                c.consentSource,
                formats.time(c.consentAt),
                c.consentText,
                c.ordersCount,
                formats.money(c.totalSpent),
                formats.time(c.firstOrderAt),
                formats.time(c.lastOrderAt),
                formats.time(c.createdAt));
        List<Entry> entries = timeline.of(c.id, TIMELINE_LIMIT).stream()
                .map(i -> new Entry(
                        formats.time(i.at()), i.kind().name().toLowerCase(), i.title(), i.detail(), i.status()))
                .toList();
        String notice = removed != null
                ? "Removed from the flow (enrollment " + removed + "); its texts not sent yet are cancelled."
                : "handled".equals(followUp) ? "Follow-up marked handled; the tag is removed." : null;
        return Response.ok(customer.data("frame", PageFrame.of(profile.name(), "customers", session))
                        .data("c", profile)
                        .data("s", sections.of(c))
                        .data("mayAct", session.may(AccessLevel.WRITE))
                        .data("notice", notice)
                        .data("entries", entries)
                        .data("limit", TIMELINE_LIMIT))
                .build();
    }

    /** "Remove from flow": the enrollment ends and its texts not yet handed over are cancelled. */
    @POST
    @Path("/{externalId}/enrollments/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeFromFlow(
            @PathParam("externalId") String externalId, @PathParam("id") long id, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        Optional<Customer> found = Customer.findLiving(externalId);
        if (found.isEmpty()) {
            return notFound(externalId);
        }
        EnrollmentRemoval.Outcome outcome = removal.remove(found.get().id, id, session.name());
        if (outcome instanceof EnrollmentRemoval.NotFound) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Customer " + externalId + " has no enrollment " + id + ".")
                    .build();
        }
        // Already ended: nothing to do, the page shows how it ended.
        return Response.seeOther(URI.create("/customers/" + TemplateExtensions.pathSegment(externalId) + "?removed="
                        + id + "#enrollments-heading"))
                .build();
    }

    /** The follow-up is done: the {@code needs_follow_up} tag goes, who and when are recorded. */
    @POST
    @Path("/{externalId}/follow-up/handled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response followUpHandled(@PathParam("externalId") String externalId, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        Optional<Customer> found = Customer.findLiving(externalId);
        if (found.isEmpty()) {
            return notFound(externalId);
        }
        followUps.handled(found.get().id, session.name(), clock.instant());
        return Response.seeOther(
                        URI.create("/customers/" + TemplateExtensions.pathSegment(externalId) + "?followUp=handled"))
                .build();
    }

    private Optional<Customer> byPhone(String query) {
        try {
            return Customer.findByPhone(phones.normalize(query).e164());
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    private Response notFound(String query) {
        return Response.status(404)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(notFound.data("frame", PageFrame.of("Customer not found", "customers", session))
                        .data("query", query))
                .build();
    }
}
