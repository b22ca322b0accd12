package io.comeback.web.dashboard;

import io.comeback.audience.Customer;
import io.comeback.audience.FollowUps;
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
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The follow-up list: customers a flow tagged {@code needs_follow_up} for a person to contact (detractors of the
 * feedback flow), latest NPS answer first, each with "Handled" (removes the tag, records who and when).
 */
@Path("/follow-ups")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class FollowUpPage {

    static final int SHOWN = 500;

    @TemplateData
    public record Row(String customerId, String name, String phone, String consent, String nps, String npsAt) {}

    private final Template page;
    private final FollowUps followUps;
    private final CurrentSession session;
    private final Formats formats;
    private final Clock clock;

    public FollowUpPage(
            @Location("dashboard/follow-ups.html") Template page,
            FollowUps followUps,
            CurrentSession session,
            Formats formats,
            Clock clock) {
        this.page = page;
        this.followUps = followUps;
        this.session = session;
        this.formats = formats;
        this.clock = clock;
    }

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        List<Row> rows = followUps.waiting(SHOWN).stream()
                .map(w -> new Row(
                        w.externalId(),
                        w.name() == null ? w.externalId() : w.name(),
                        w.phone() == null ? "–" : w.phone(),
                        w.consentStatus().replace('_', ' '),
                        w.npsScore() == null ? "–" : String.valueOf(w.npsScore()),
                        formats.time(w.npsAt())))
                .toList();
        return page.data("frame", PageFrame.of("Follow-ups", "follow-ups", session))
                .data("rows", rows)
                .data("done", done)
                .data("mayAct", session.may(AccessLevel.WRITE))
                .data("shown", SHOWN);
    }

    @POST
    @Path("/{externalId}/handled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response handled(@PathParam("externalId") String externalId, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        Optional<Customer> found = Customer.findLiving(externalId);
        if (found.isEmpty()) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("No customer " + externalId + ".")
                    .build();
        }
        followUps.handled(found.get().id, session.name(), clock.instant());
        return Response.seeOther(URI.create("/follow-ups?done=" + TemplateExtensions.pathSegment(externalId)))
                .build();
    }
}
