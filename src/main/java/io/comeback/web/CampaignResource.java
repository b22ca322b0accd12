package io.comeback.web;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.validate.CampaignValidator;
import io.comeback.enrollment.CampaignControl;
import io.comeback.enrollment.CampaignLaunch;
import io.comeback.enrollment.CampaignPreview;
import io.comeback.enrollment.CampaignRefused;
import io.comeback.enrollment.CampaignSources;
import io.comeback.flows.CampaignStore;
import io.comeback.web.access.Caller;
import io.comeback.web.access.RouteAccessFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Campaigns (README "Campaigns", deploy/API.md): written as YAML with {@code PUT}, listed and read with their state
 * and counts, previewed, and started, paused, resumed or cancelled. Reading needs a viewer; everything else a
 * marketer (web/access: GET reads, the rest writes).
 */
@Path("/api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignStore store;
    private final CampaignSources sources;
    private final CampaignLaunch launch;
    private final CampaignControl control;
    private final CampaignPreview preview;
    private final CampaignViews views;
    private final Clock clock;

    public CampaignResource(
            CampaignStore store,
            CampaignSources sources,
            CampaignLaunch launch,
            CampaignControl control,
            CampaignPreview preview,
            CampaignViews views,
            Clock clock) {
        this.store = store;
        this.sources = sources;
        this.launch = launch;
        this.control = control;
        this.preview = preview;
        this.views = views;
        this.clock = clock;
    }

    @GET
    public List<CampaignViews.CampaignView> list() {
        return store.all().stream().map(views::of).toList();
    }

    @GET
    @Path("/{id}")
    public CampaignViews.CampaignView get(@PathParam("id") String id) {
        return views.of(row(id));
    }

    /**
     * Stores a campaign's text (a draft until it starts). A text with errors is refused with 400 and every problem
     * with its line and column; nothing is stored. A started campaign cannot be changed (409).
     */
    @PUT
    @Path("/{id}")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    public Response put(@PathParam("id") String id, String yaml, @Context ContainerRequestContext request) {
        String source = yaml == null ? "" : yaml;
        Campaign campaign = CampaignProblems.requireValid(sources.validator().validate(source), id);
        boolean existed = store.find(id).isPresent();
        if (!store.saveDraft(
                id, source, campaign.flow().version(), campaign.name(), callerName(request), clock.instant())) {
            throw ProblemException.conflict(
                    "id",
                    "campaign '" + id + "' has started: its text can no longer change (cancel it and write a new one)");
        }
        return Response.status(existed ? 200 : 201).entity(views.of(row(id))).build();
    }

    @POST
    @Path("/{id}/preview")
    public CampaignPreview.Preview preview(@PathParam("id") String id) {
        CampaignStore.Row row = row(id);
        return preview.preview(sources.of(row).orElseThrow(() -> invalidStored(id)));
    }

    @POST
    @Path("/{id}/start")
    public CampaignViews.CampaignView start(@PathParam("id") String id, @Context ContainerRequestContext request) {
        row(id);
        return refusedAsConflict(() -> launch.start(id, callerName(request)), id);
    }

    @POST
    @Path("/{id}/pause")
    public CampaignViews.CampaignView pause(@PathParam("id") String id, @Context ContainerRequestContext request) {
        row(id);
        return refusedAsConflict(
                () -> {
                    control.pause(id, callerName(request));
                    return 0;
                },
                id);
    }

    @POST
    @Path("/{id}/resume")
    public CampaignViews.CampaignView resume(@PathParam("id") String id, @Context ContainerRequestContext request) {
        row(id);
        return refusedAsConflict(
                () -> {
                    control.resume(id, callerName(request));
                    return 0;
                },
                id);
    }

    @POST
    @Path("/{id}/cancel")
    public CampaignViews.CampaignView cancel(@PathParam("id") String id, @Context ContainerRequestContext request) {
        row(id);
        return refusedAsConflict(() -> control.cancel(id, callerName(request)), id);
    }

    private CampaignViews.CampaignView refusedAsConflict(Supplier<Integer> change, String id) {
        try {
            change.get();
        } catch (CampaignRefused e) {
            throw ProblemException.conflict("state", e.getMessage());
        }
        return views.of(row(id));
    }

    private CampaignStore.Row row(String id) {
        return store.find(id)
                .orElseThrow(
                        () -> ProblemException.notFound("no campaign '" + id + "'; GET /api/campaigns lists them"));
    }

    private static ProblemException invalidStored(String id) {
        return new ProblemException(409, "Campaign is invalid", "campaign '" + id + "' no longer validates", List.of());
    }

    private static String callerName(ContainerRequestContext request) {
        Caller caller = RouteAccessFilter.callerOf(request);
        return caller == null ? "unknown" : caller.name();
    }

    /** The validator is the service's, links counted as sent. */
    static CampaignValidator.Result validate(CampaignSources sources, String source) {
        return sources.validator().validate(source);
    }
}
