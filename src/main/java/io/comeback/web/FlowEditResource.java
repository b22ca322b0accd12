package io.comeback.web;

import io.comeback.web.access.Caller;
import io.comeback.web.access.RouteAccessFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Drafts, publishing and versions of a flow through the API (the dashboard's editor does the same with a session).
 * Bodies are the flow's YAML text. A draft changes nothing that runs; publishing writes the flows folder.
 */
@Path("/api/flows")
@Produces(MediaType.APPLICATION_JSON)
public class FlowEditResource {

    private final FlowEditing editing;

    public FlowEditResource(FlowEditing editing) {
        this.editing = editing;
    }

    /** The saved draft, else the published text ({@code origin} says which); 404 when the flow has neither. */
    @GET
    @Path("/{id}/draft")
    public FlowEditing.DraftView draft(@PathParam("id") String id) {
        return editing.draft(id);
    }

    @PUT
    @Path("/{id}/draft")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    public FlowEditing.DraftView saveDraft(
            @PathParam("id") String id, String yaml, @Context ContainerRequestContext request) {
        return editing.saveDraft(id, yaml, callerName(request));
    }

    /** Publishes the body's text, or the saved draft when the body is empty. 422 with every error when invalid. */
    @POST
    @Path("/{id}/publish")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    public FlowEditing.PublishedView publish(
            @PathParam("id") String id, String yaml, @Context ContainerRequestContext request) {
        return yaml == null || yaml.isBlank()
                ? editing.publishDraft(id, callerName(request))
                : editing.publish(id, yaml, callerName(request), null);
    }

    @GET
    @Path("/{id}/versions")
    public List<FlowEditing.VersionView> versions(@PathParam("id") String id) {
        return editing.versions(id);
    }

    @GET
    @Path("/{id}/versions/{version}")
    public FlowEditing.VersionSourceView version(@PathParam("id") String id, @PathParam("version") String version) {
        return editing.versionSource(id, version);
    }

    /** A line diff from {@code version} to {@code against} (e.g. the current version). */
    @GET
    @Path("/{id}/versions/{version}/diff")
    public FlowEditing.DiffView diff(
            @PathParam("id") String id, @PathParam("version") String version, @QueryParam("against") String against) {
        if (against == null || against.isBlank()) {
            throw ProblemException.invalidField("against", "name the version to compare with");
        }
        return editing.diff(id, version, against);
    }

    /** Publishes that version's text again. */
    @POST
    @Path("/{id}/versions/{version}/restore")
    public FlowEditing.PublishedView restore(
            @PathParam("id") String id,
            @PathParam("version") String version,
            @Context ContainerRequestContext request) {
        return editing.restore(id, version, callerName(request));
    }

    private static String callerName(ContainerRequestContext request) {
        Caller caller = RouteAccessFilter.callerOf(request);
        return caller == null ? "unknown" : caller.name();
    }
}
