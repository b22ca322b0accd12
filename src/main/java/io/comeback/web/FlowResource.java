package io.comeback.web;

import io.comeback.audience.LanguageReach;
import io.comeback.audience.ShopNameConfig;
import io.comeback.audience.inactivity.InactivityConfig;
import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Problem;
import io.comeback.engine.run.FlowSimulator;
import io.comeback.engine.run.InvalidSimulationException;
import io.comeback.engine.run.SimulationRequest;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import io.comeback.enrollment.FlowApprovals;
import io.comeback.enrollment.FlowPause;
import io.comeback.flows.FlowCatalog;
import io.comeback.web.access.Caller;
import io.comeback.web.access.RouteAccessFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The flow catalog, validation of a flow text, and time-travel simulation of a flow. */
@Path("/api/flows")
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    private final FlowCatalog catalog;
    private final FlowValidator validator;
    private final FlowSimulator simulator;
    private final FlowControlViews controls;
    private final FlowPause pause;
    private final FlowApprovals approvals;
    private final DraftSimulation drafts;
    private final LanguageReach languages;

    public FlowResource(
            DraftSimulation drafts,
            LanguageReach languages,
            FlowCatalog catalog,
            FlowControlViews controls,
            FlowPause pause,
            FlowApprovals approvals,
            ShopNameConfig shopName,
            InactivityConfig inactivity,
            ShortLinkForm links) {
        this.drafts = drafts;
        this.languages = languages;
        this.catalog = catalog;
        this.controls = controls;
        this.pause = pause;
        this.approvals = approvals;
        // Validation and simulation show links as they are sent (short links of the real length), stored nowhere.
        this.validator = new FlowValidator(links.shape());
        this.simulator = FlowSimulator.withDefaults(shopName.name(), inactivity.rhythmFloor(), links.shape());
    }

    public record ProblemView(String severity, int line, int column, String path, String message) {
        static ProblemView of(Problem p) {
            return new ProblemView(p.severity().label(), p.line(), p.column(), p.path(), p.message());
        }

        public static List<ProblemView> all(List<Problem> problems) {
            return problems.stream().map(ProblemView::of).toList();
        }
    }

    public record ValidationView(boolean valid, List<ProblemView> problems) {}

    /** @param languageWarnings languages of the customers who can enter that the flow has no text in (marketing flows) */
    public record FlowView(
            String id,
            String file,
            String version,
            String status,
            List<ProblemView> problems,
            List<LanguageReach.Warning> languageWarnings) {}

    /** Every flow of the catalog; {@code status} is {@code active}, {@code paused} or {@code invalid}. */
    @GET
    public List<FlowView> list() {
        java.util.Set<String> paused = controls.pausedFlows();
        return catalog.all().stream()
                .map(e -> new FlowView(
                        e.id(),
                        e.file(),
                        e.version(),
                        FlowControlViews.listedStatus(e, paused),
                        ProblemView.all(e.problems()),
                        e.flow() == null ? List.of() : languages.warnings(e.flow())))
                .toList();
    }

    /** One flow: its status, who paused it, what it has queued and its pending approval. */
    @GET
    @Path("/{id}")
    public FlowControlViews.FlowDetailView flow(@PathParam("id") String id) {
        return controls.detail(id);
    }

    /**
     * Pauses the flow on every replica: no new entries, and its enrollments and texts wait (nothing is dropped).
     * Works for a flow whose file was deleted too. Pausing a paused flow changes nothing.
     */
    @POST
    @Path("/{id}/pause")
    public FlowControlViews.FlowDetailView pause(@PathParam("id") String id, @Context ContainerRequestContext request) {
        controls.requireKnown(id);
        pause.pause(id, callerName(request));
        return controls.detail(id);
    }

    /** Resumes the flow: what it held is released once, through quiet hours, caps and pacing. */
    @POST
    @Path("/{id}/resume")
    public FlowControlViews.FlowDetailView resume(
            @PathParam("id") String id, @Context ContainerRequestContext request) {
        controls.requireKnown(id);
        pause.resume(id, callerName(request));
        return controls.detail(id);
    }

    /** The flow's pending approval: how many, to whom and why, when, and how many segments. 404 when none waits. */
    @GET
    @Path("/{id}/approval")
    public FlowControlViews.ApprovalPreviewView approval(@PathParam("id") String id) {
        return controls.pendingApproval(id);
    }

    @POST
    @Path("/{id}/approval/approve")
    public FlowControlViews.DecisionView approve(@PathParam("id") String id, @Context ContainerRequestContext request) {
        controls.requireKnown(id);
        return controls.decided(id, approvals.approve(id, callerName(request)));
    }

    @POST
    @Path("/{id}/approval/reject")
    public FlowControlViews.DecisionView reject(@PathParam("id") String id, @Context ContainerRequestContext request) {
        controls.requireKnown(id);
        return controls.decided(id, approvals.reject(id, callerName(request)));
    }

    private static String callerName(ContainerRequestContext request) {
        Caller caller = RouteAccessFilter.callerOf(request);
        return caller == null ? "unknown" : caller.name();
    }

    /**
     * Re-reads the flows folder now (it is also watched). Running enrollments keep their version;
     * an invalid file is listed with its problems and the other flows keep running.
     */
    @POST
    @Path("/reload")
    public List<FlowView> reload() {
        catalog.reload();
        return list();
    }

    /** Checks a flow file's text without installing it; every problem with line and column. */
    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    public ValidationView validate(String yaml) {
        ValidationResult result = validator.validate(yaml == null ? "" : yaml);
        return new ValidationView(result.isValid(), ProblemView.all(result.problems()));
    }

    /**
     * Simulates the flow for a test customer. With {@code "source"} in the body, that flow text is simulated instead
     * of the file (a draft from the editor), and each text comes with its segment count.
     */
    @POST
    @Path("/{id}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Object simulate(@PathParam("id") String id, DraftSimulation.TextSimulation body) {
        Violations.requireBody(body);
        if (body.source() != null) {
            // A text not published yet (the editor's): checked and simulated, the file is not used.
            return drafts.simulate(body);
        }
        SimulationRequest request = body.request();
        FlowCatalog.Entry entry = catalog.entry(id)
                .orElseThrow(() -> ProblemException.notFound("no flow '" + id + "'; GET /api/flows lists them"));
        if (entry.flow() == null) {
            throw new ProblemException(
                    409,
                    "Flow is invalid",
                    "flow '" + id + "' has errors and cannot run; fix " + entry.file() + " first",
                    entry.problems().stream()
                            .filter(Problem::isError)
                            .map(p -> new ProblemDetails.Violation(p.path(), (long) p.line(), p.message()))
                            .toList());
        }
        try {
            return simulator.simulate(entry.flow(), request);
        } catch (InvalidSimulationException e) {
            throw ProblemException.invalid(List.of(ProblemDetails.Violation.ofField("body", e.getMessage())));
        }
    }
}
