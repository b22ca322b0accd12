package io.comeback.web.dashboard;

import io.comeback.engine.validate.ValidationResult;
import io.comeback.flows.FlowCatalog;
import io.comeback.web.DraftSimulation;
import io.comeback.web.FlowEditing;
import io.comeback.web.FlowResource;
import io.comeback.web.ProblemException;
import io.comeback.web.access.AccessLevel;
import io.comeback.web.access.Requires;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * The flow editor: a page with the flow's YAML in an editor (completion and hover from the flow schema, problems
 * marked while typing), a simulation pane, drafts, publishing and the versions. The page talks to the JSON routes
 * below with the session; each call that is not a GET carries the session's CSRF token in {@value #CSRF_HEADER}
 * (a page of another site can neither read the token nor send that header). Viewers get the page read-only:
 * they may check and simulate a text, never save or publish.
 */
@Path("/flows")
@SignedIn
public class FlowEditorPage {

    static final String CSRF_HEADER = "X-CSRF-Token";

    /** What a new flow starts from: valid, so the marketer edits from something that runs. */
    static final String NEW_FLOW = """
            id: %s
            name: New flow
            settings:
              kind: transactional
              default_locale: en
            trigger:
              order_placed:
                delay: PT1H
            steps:
              - id: thanks
                send:
                  text:
                    en: "Thanks for your order, {{ customer.firstName }}!"
            """;

    private final Template editor;
    private final FlowEditing editing;
    private final DraftSimulation drafts;
    private final FlowCatalog catalog;
    private final CurrentSession session;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public FlowEditorPage(
            com.fasterxml.jackson.databind.ObjectMapper mapper,
            @Location("dashboard/flow-editor.html") Template editor,
            FlowEditing editing,
            DraftSimulation drafts,
            FlowCatalog catalog,
            CurrentSession session) {
        this.editor = editor;
        this.editing = editing;
        this.drafts = drafts;
        this.catalog = catalog;
        this.session = session;
        this.mapper = mapper;
    }

    @GET
    @Path("/new")
    @Produces(MediaType.TEXT_HTML)
    public Response newFlow() {
        return page(null, NEW_FLOW.formatted("new-flow"), "new", null);
    }

    @GET
    @Path("/{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    public Response edit(@PathParam("id") String id) {
        FlowEditing.requireId(id);
        Optional<FlowEditing.DraftView> draft;
        try {
            draft = Optional.of(editing.draft(id));
        } catch (ProblemException e) {
            draft = Optional.empty();
        }
        return draft.map(d -> page(id, d.source(), d.origin(), d.savedBy()))
                .orElseGet(() -> page(id, NEW_FLOW.formatted(id), "new", null));
    }

    private Response page(String id, String source, String origin, String savedBy) {
        String version = id == null
                ? null
                : catalog.entry(id).map(FlowCatalog.Entry::version).orElse(null);
        // By its name, as the flow list shows it; a flow not published yet has only its id.
        String name = id == null ? null : catalog.entry(id).map(FlowNames::name).orElse(id);
        return Response.ok(
                        editor.data("frame", PageFrame.of(id == null ? "New flow" : "Edit " + name, "flows", session))
                                .data("flowId", id)
                                .data("flowName", name)
                                .data("source", source)
                                .data("origin", origin)
                                .data("savedBy", savedBy)
                                .data("version", version)
                                .data("mayAct", session.may(AccessLevel.WRITE)))
                .build();
    }

    /** Checks the editor's text: every problem with line and column. Reading only, so viewers may too. */
    @POST
    @Path("/{id}/edit/validate")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(AccessLevel.READ)
    public FlowResource.ValidationView validate(
            @PathParam("id") String id, @HeaderParam(CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        ValidationResult result = editing.validate(source);
        return new FlowResource.ValidationView(result.isValid(), FlowResource.ProblemView.all(result.problems()));
    }

    @POST
    @Path("/{id}/edit/simulate")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(AccessLevel.READ)
    public DraftSimulation.SimulationView simulate(
            @PathParam("id") String id, @HeaderParam(CSRF_HEADER) String csrf, String body) {
        // The token is checked before the body is read, so a forged form is refused as forged (403), not as a
        // body of the wrong type.
        session.requireFormToken(csrf);
        DraftSimulation.TextSimulation simulation;
        try {
            simulation = mapper.readValue(body == null ? "" : body, DraftSimulation.TextSimulation.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ProblemException.invalidField("body", "not a simulation request: " + e.getOriginalMessage());
        }
        return drafts.simulate(simulation);
    }

    @PUT
    @Path("/{id}/edit/draft")
    @Produces(MediaType.APPLICATION_JSON)
    public FlowEditing.DraftView saveDraft(
            @PathParam("id") String id, @HeaderParam(CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        return editing.saveDraft(id, source, session.name());
    }

    @POST
    @Path("/{id}/edit/publish")
    @Produces(MediaType.APPLICATION_JSON)
    public FlowEditing.PublishedView publish(
            @PathParam("id") String id, @HeaderParam(CSRF_HEADER) String csrf, String source) {
        session.requireFormToken(csrf);
        return editing.publish(id, source, session.name(), null);
    }

    @GET
    @Path("/{id}/edit/versions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FlowEditing.VersionView> versions(@PathParam("id") String id) {
        return editing.versions(id);
    }

    @GET
    @Path("/{id}/edit/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public FlowEditing.VersionSourceView version(@PathParam("id") String id, @PathParam("version") String version) {
        return editing.versionSource(id, version);
    }

    @GET
    @Path("/{id}/edit/diff")
    @Produces(MediaType.APPLICATION_JSON)
    public FlowEditing.DiffView diff(
            @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw ProblemException.invalidField("from", "name the two versions to compare: ?from=…&to=…");
        }
        return editing.diff(id, from, to);
    }

    @POST
    @Path("/{id}/edit/versions/{version}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    public FlowEditing.PublishedView restore(
            @PathParam("id") String id, @PathParam("version") String version, @HeaderParam(CSRF_HEADER) String csrf) {
        session.requireFormToken(csrf);
        return editing.restore(id, version, session.name());
    }
}
