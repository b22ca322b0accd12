package io.comeback.web.dashboard;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import io.comeback.engine.validate.CampaignValidator;
import io.comeback.enrollment.CampaignPreview;
import io.comeback.enrollment.CampaignSources;
import io.comeback.flows.CampaignStore;
import io.comeback.web.FlowResource;
import io.comeback.web.ProblemDetails;
import io.comeback.web.ProblemException;
import io.comeback.web.access.AccessLevel;
import io.comeback.web.access.Requires;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the composer page calls while a campaign is written: check the text (problems by line while typing), preview
 * it (an HTML fragment for the pane), create it and save its draft. Each call carries the session's CSRF token in
 * {@value FlowEditorPage#CSRF_HEADER}; checking and previewing only read, so viewers may, saving needs a marketer.
 */
@Path("/campaigns")
@SignedIn
public class CampaignComposer {

    private final CampaignSources sources;
    private final CampaignPreview previews;
    private final CampaignStore store;
    private final CurrentSession session;
    private final Formats formats;
    private final Template fragment;
    private final Clock clock;

    public CampaignComposer(
            CampaignSources sources,
            CampaignPreview previews,
            CampaignStore store,
            CurrentSession session,
            Formats formats,
            @Location("dashboard/campaign-preview.html") Template fragment,
            Clock clock) {
        this.sources = sources;
        this.previews = previews;
        this.store = store;
        this.session = session;
        this.formats = formats;
        this.fragment = fragment;
        this.clock = clock;
    }

    /** Every problem of the text with line and column; with {@code id}, a file id other than it is one more. */
    @POST
    @Path("/validate")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(AccessLevel.READ)
    public FlowResource.ValidationView validate(
            @QueryParam("id") String id, @HeaderParam(FlowEditorPage.CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        CampaignValidator.Result result = sources.validator().validate(source == null ? "" : source);
        List<Problem> problems = new ArrayList<>(result.problems());
        result.campaign()
                .filter(c -> id != null && !id.isBlank() && !c.id().equals(id))
                .ifPresent(c -> problems.add(new Problem(
                        Severity.ERROR,
                        c.location().line(),
                        c.location().column(),
                        "id",
                        "this campaign is `" + id + "`: its id cannot change (write a new campaign instead)")));
        boolean valid = problems.stream().noneMatch(Problem::isError);
        return new FlowResource.ValidationView(valid, FlowResource.ProblemView.all(problems));
    }

    /** What starting the text now would do, as the preview pane shows it; 400 with the problems if it is invalid. */
    @POST
    @Path("/preview")
    @Produces(MediaType.TEXT_HTML)
    @Requires(AccessLevel.READ)
    public Response preview(@HeaderParam(FlowEditorPage.CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        Campaign campaign = valid(source, null);
        return Response.ok(
                        fragment.data("preview", CampaignPreviewView.of(campaign, previews.preview(campaign), formats)))
                .build();
    }

    /** Creates a draft with the id its text names; 409 if that campaign exists (open it to change it). */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(FlowEditorPage.CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        Campaign campaign = valid(source, null);
        if (campaign.id().equals("new") || store.find(campaign.id()).isPresent()) {
            throw ProblemException.conflict(
                    "id", "a campaign '" + campaign.id() + "' exists already: give the new one another id");
        }
        save(campaign, source);
        return Response.status(201)
                .entity(new Saved(campaign.id(), "/campaigns/" + campaign.id()))
                .build();
    }

    /** Saves the draft of a campaign that has not started; 409 once it has. */
    @PUT
    @Path("/{id}/draft")
    @Produces(MediaType.APPLICATION_JSON)
    public Saved saveDraft(
            @PathParam("id") String id, @HeaderParam(FlowEditorPage.CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        if (store.find(id).isEmpty()) {
            throw ProblemException.notFound("no campaign '" + id + "'");
        }
        save(valid(source, id), source);
        return new Saved(id, "/campaigns/" + id);
    }

    public record Saved(String id, String page) {}

    private void save(Campaign campaign, String source) {
        if (!store.saveDraft(
                campaign.id(), source, campaign.flow().version(), campaign.name(), session.name(), clock.instant())) {
            throw ProblemException.conflict(
                    "id", "campaign '" + campaign.id() + "' has started: its text can no longer change");
        }
    }

    private Campaign valid(String source, String id) {
        CampaignValidator.Result result = sources.validator().validate(source == null ? "" : source);
        if (!result.isValid()) {
            List<ProblemDetails.Violation> errors = result.problems().stream()
                    .filter(Problem::isError)
                    .map(p -> ProblemDetails.Violation.ofLine(
                            p.line(), "line " + p.line() + ", column " + p.column() + ": " + p.message()))
                    .toList();
            throw new ProblemException(400, "Invalid campaign", errors.size() + " error(s) in the text", errors);
        }
        Campaign campaign = result.campaign().orElseThrow();
        if (id != null && !campaign.id().equals(id)) {
            throw ProblemException.invalidField("id", "the text's id `" + campaign.id() + "` must be `" + id + "`");
        }
        return campaign;
    }
}
