package io.comeback.web.dashboard;

import io.comeback.enrollment.CampaignControl;
import io.comeback.enrollment.CampaignLaunch;
import io.comeback.enrollment.CampaignPreview;
import io.comeback.enrollment.CampaignRefused;
import io.comeback.enrollment.CampaignSources;
import io.comeback.flows.CampaignStore;
import io.comeback.web.access.AccessLevel;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
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
import java.util.Optional;

/**
 * The campaigns: their list, and each campaign's composer (its text in the editor, the preview, the live counts)
 * with the buttons that start, pause, resume and cancel it. The buttons are forms with the session's token; a viewer
 * sees the page without them and is refused if one is forged (web/access: POST needs a marketer).
 */
@Path("/campaigns")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class CampaignsPage {

    /** What a new campaign starts from: valid, so the marketer edits from something that runs. */
    static final String NEW_CAMPAIGN = """
            id: new-campaign
            name: New campaign
            settings:
              default_locale: en
            audience:
              - field: customer.rfm.monetary
                at_least: 4
            holdout_percent: 10
            goal: ordered
            convert_within: P3D
            send:
              text:
                en: "Hi {{ customer.firstName | there }}! 20% off this weekend. Reply STOP to opt out."
            schedule:
              at: "10:00"
            """;

    private final Template list;
    private final Template composer;
    private final Template notFound;
    private final CampaignStore store;
    private final CampaignSources sources;
    private final CampaignPreview previews;
    private final CampaignLaunch launch;
    private final CampaignControl control;
    private final CampaignPanel panel;
    private final CurrentSession session;
    private final Formats formats;

    public CampaignsPage(
            @Location("dashboard/campaigns.html") Template list,
            @Location("dashboard/campaign.html") Template composer,
            @Location("dashboard/not-found.html") Template notFound,
            CampaignStore store,
            CampaignSources sources,
            CampaignPreview previews,
            CampaignLaunch launch,
            CampaignControl control,
            CampaignPanel panel,
            CurrentSession session,
            Formats formats) {
        this.list = list;
        this.composer = composer;
        this.notFound = notFound;
        this.store = store;
        this.sources = sources;
        this.previews = previews;
        this.launch = launch;
        this.control = control;
        this.panel = panel;
        this.session = session;
        this.formats = formats;
    }

    @GET
    public Response list() {
        List<CampaignPanel.Row> rows = store.all().stream().map(panel::row).toList();
        return Response.ok(list.data("frame", PageFrame.of("Campaigns", "campaigns", session))
                        .data("campaigns", rows)
                        .data("mayAct", session.may(AccessLevel.WRITE)))
                .build();
    }

    @GET
    @Path("/new")
    public Response newCampaign() {
        return Response.ok(page(null, NEW_CAMPAIGN, null, null)).build();
    }

    /** @param done what a button just did ({@code started}, {@code paused}, …), for a notice */
    @GET
    @Path("/{id}")
    public Response campaign(@PathParam("id") String id, @QueryParam("done") String done) {
        Optional<CampaignStore.Row> row = store.find(id);
        if (row.isEmpty()) {
            return notFound(id);
        }
        return Response.ok(page(row.get(), row.get().source(), CampaignPanel.notice(done), null))
                .build();
    }

    @POST
    @Path("/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(
            @PathParam("id") String id, @PathParam("action") String action, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        if (store.find(id).isEmpty()
                || !List.of("start", "pause", "resume", "cancel").contains(action)) {
            return notFound(id);
        }
        try {
            switch (action) {
                case "start" -> launch.start(id, session.name());
                case "pause" -> control.pause(id, session.name());
                case "resume" -> control.resume(id, session.name());
                default -> control.cancel(id, session.name());
            }
        } catch (CampaignRefused e) {
            CampaignStore.Row row = store.find(id).orElseThrow();
            return Response.status(409)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(page(row, row.source(), null, "Not done: " + e.getMessage() + "."))
                    .build();
        }
        String done = action.equals("start") ? "started" : action.equals("cancel") ? "cancelled" : action + "d";
        return Response.seeOther(URI.create("/campaigns/" + TemplateExtensions.pathSegment(id) + "?done=" + done))
                .build();
    }

    private io.quarkus.qute.TemplateInstance page(CampaignStore.Row row, String source, String notice, String refusal) {
        // Only a draft is previewed with the page: what starting it would do. A started one shows its counts.
        CampaignPreviewView preview = row == null || !row.state().equals("draft")
                ? null
                : sources.of(row)
                        .map(c -> CampaignPreviewView.of(c, previews.preview(c), formats))
                        .orElse(null);
        CampaignPanel.Detail detail =
                row == null ? null : panel.detail(row, preview == null ? Formats.NONE : preview.textsShown());
        String title = row == null ? "New campaign" : "Campaign " + detail.name();
        return composer.data("frame", PageFrame.of(title, "campaigns", session))
                .data("campaign", detail)
                .data("source", source)
                .data("preview", preview)
                .data("notice", notice)
                .data("refusal", refusal)
                .data("mayAct", session.may(AccessLevel.WRITE));
    }

    private Response notFound(String id) {
        return Response.status(404)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(notFound.data("frame", PageFrame.of("Campaign not found", "campaigns", session))
                        .data("message", "There is no campaign '" + id + "'. The campaigns page lists them."))
                .build();
    }
}
