package io.comeback.web.dashboard;

import io.comeback.audience.LanguageReach;
import io.comeback.engine.model.Problem;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.flows.FlowCatalog;
import io.comeback.flows.FlowControlStatus;
import io.comeback.flows.FlowControls;
import io.comeback.flows.FlowVersions;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every flow of the catalog with its status; an invalid one with its problems marked in its source. A flow's page
 * shows what it has queued and lets a marketer pause and resume it and decide its pending approval.
 */
@Path("/flows")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class FlowsPage {

    /**
     * @param name       the file's {@code name:} (the id when it has none, or is invalid or removed)
     * @param starts     when a customer enters, in words; null for an invalid or removed file
     * @param status     {@code active}, {@code paused}, {@code invalid}, or {@code removed} (no file, but versions of it ran)
     * @param failed     enrollments of this flow set aside as failed (every version)
     * @param reportable false for an invalid file (nothing of it runs)
     */
    @TemplateData
    public record FlowRow(
            String id,
            String name,
            String starts,
            String file,
            String version,
            String status,
            long errors,
            long warnings,
            FlowSourceView source,
            long failed,
            boolean reportable) {}

    /** A language the customers who can enter read and the flow has no text in. */
    @TemplateData
    public record LanguageRow(String language, String message) {}

    private final Template list;
    private final Template detail;
    private final Template notFound;
    private final FlowCatalog catalog;
    private final EnrollmentStore enrollments;
    private final FlowReportView reports;
    private final FlowActivity activity;
    private final CurrentSession session;
    private final Formats formats;
    private final Clock clock;
    private final FlowControls controls;
    private final FlowVersions versions;
    private final FlowControlPanel panel;
    private final LanguageReach languages;

    public FlowsPage(
            @Location("dashboard/flows.html") Template list,
            @Location("dashboard/flow.html") Template detail,
            @Location("dashboard/not-found.html") Template notFound,
            FlowCatalog catalog,
            EnrollmentStore enrollments,
            FlowReportView reports,
            FlowActivity activity,
            CurrentSession session,
            Formats formats,
            Clock clock,
            FlowControls controls,
            FlowVersions versions,
            FlowControlPanel panel,
            LanguageReach languages) {
        this.languages = languages;
        this.list = list;
        this.detail = detail;
        this.notFound = notFound;
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.reports = reports;
        this.activity = activity;
        this.session = session;
        this.formats = formats;
        this.clock = clock;
        this.controls = controls;
        this.versions = versions;
        this.panel = panel;
    }

    @GET
    public Response list() {
        Map<String, Long> failed = enrollments.failedCounts();
        Set<String> paused = controls.pausedFlows();
        List<FlowRow> rows = catalog.all().stream()
                .map(e -> row(e, e.status() == FlowCatalog.Status.INVALID, failed.getOrDefault(e.id(), 0L), paused))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
        return Response.ok(list.data("frame", PageFrame.of("Flows", "flows", session))
                        .data("flows", rows))
                .build();
    }

    /** @param done what a form just did ({@code paused}, {@code resumed}, {@code approved}, {@code rejected}), for a notice */
    @GET
    @Path("/{id}")
    public Response flow(
            @PathParam("id") String id,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("done") String done) {
        Optional<FlowCatalog.Entry> entry = catalog.entry(id);
        if (entry.isEmpty() && !versions.known(id)) {
            return notFound(id);
        }
        Set<String> paused = controls.pausedFlows();
        long failedCount = enrollments.failedCount(id);
        FlowRow row = entry.map(e -> row(e, true, failedCount, paused))
                .orElseGet(() -> new FlowRow(
                        id,
                        id,
                        null,
                        Formats.NONE,
                        Formats.NONE,
                        paused.contains(id) ? FlowControlStatus.PAUSED.wire() : "removed",
                        0,
                        0,
                        null,
                        failedCount,
                        true));
        Period period = Period.lastDays(90, clock, formats.zone(), from, to);
        long failedCodes = activity.failedCodeCount(id);
        return Response.ok(detail.data("frame", PageFrame.of(row.name(), "flows", session))
                        .data("flow", row)
                        .data("failures", activity.failures(id, row.failed()))
                        .data("failedCodes", failedCodes)
                        .data("codes", activity.failedCodes(id, failedCodes))
                        .data("failuresLimit", FlowActivity.RECENT_FAILURES)
                        .data("period", period)
                        .data("report", row.reportable() ? reports.of(id, period) : null)
                        .data("control", panel.of(id))
                        .data(
                                "languages",
                                entry.map(FlowCatalog.Entry::flow).map(languages::warnings).orElse(List.of()).stream()
                                        .map(w -> new LanguageRow(w.language(), w.message()))
                                        .toList())
                        .data("mayAct", session.may(AccessLevel.WRITE))
                        .data("done", FlowControlPanel.notice(done))
                        .data("messages", activity.recentMessages(id))
                        .data("recentLimit", FlowActivity.RECENT_MESSAGES))
                .build();
    }

    /** Pauses the flow for every replica: no new entries, its due texts and wake-ups wait. A marketer's form. */
    @POST
    @Path("/{id}/pause")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pause(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        if (catalog.entry(id).isEmpty() && !versions.known(id)) {
            return notFound(id);
        }
        return back(id, panel.pause(id, session.name()));
    }

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        session.requireFormToken(csrf);
        if (catalog.entry(id).isEmpty() && !versions.known(id)) {
            return notFound(id);
        }
        return back(id, panel.resume(id, session.name()));
    }

    /**
     * Approves or rejects the approval shown on the page. {@code approval} is its id as the page showed it: a form
     * left open while a newer approval was opened decides nothing.
     */
    @POST
    @Path("/{id}/approval/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @PathParam("id") String id,
            @PathParam("decision") String decision,
            @FormParam("csrf") String csrf,
            @FormParam("approval") Long approvalId) {
        session.requireFormToken(csrf);
        if (!decision.equals("approve") && !decision.equals("reject")) {
            return notFound(id);
        }
        return back(id, panel.decide(id, decision.equals("approve"), approvalId, session.name()));
    }

    private static Response back(String id, String done) {
        return Response.seeOther(URI.create("/flows/" + TemplateExtensions.pathSegment(id) + "?done=" + done))
                .build();
    }

    private Response notFound(String id) {
        return Response.status(404)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(notFound.data("frame", PageFrame.of("Flow not found", "flows", session))
                        .data("message", "There is no flow '" + id + "' in the flows folder."))
                .build();
    }

    private FlowRow row(FlowCatalog.Entry e, boolean withSource, long failed, Set<String> paused) {
        long errors = e.problems().stream().filter(Problem::isError).count();
        long warnings = e.problems().size() - errors;
        boolean invalid = e.status() == FlowCatalog.Status.INVALID;
        String status = invalid
                ? "invalid"
                : (paused.contains(e.id()) ? FlowControlStatus.PAUSED : FlowControlStatus.ACTIVE).wire();
        return new FlowRow(
                e.id(),
                FlowNames.name(e),
                FlowNames.trigger(e),
                e.file(),
                e.version() == null ? "–" : e.version(),
                status,
                errors,
                warnings,
                withSource ? FlowSourceView.of(e.id(), catalog.sourceOf(e), e.problems()) : null,
                failed,
                !invalid);
    }
}
