package io.comeback.web.dashboard;

import io.comeback.engine.model.Problem;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.flows.FlowCatalog;
import io.comeback.messaging.MessageStore;
import io.comeback.shops.ShopCodeStore;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every flow of the catalog with its status; an invalid one with its problems marked in its source. */
@Path("/flows")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class FlowsPage {

    static final int RECENT_MESSAGES = 20;
    static final int RECENT_FAILURES = 10;

    /** @param failed enrollments of this flow set aside as failed (every version) */
    @TemplateData
    public record FlowRow(
            String id,
            String file,
            String version,
            String status,
            long errors,
            long warnings,
            FlowSourceView source,
            long failed) {}

    @TemplateData
    public record FailedRow(long id, String at, String customerId, String failure) {}

    /** A code of the flow the shop did not create (its texts were blocked). */
    @TemplateData
    public record CodeRow(String at, String code, int attempts, String error) {}

    @TemplateData
    public record MessageRow(
            String at, String customerId, String step, String to, String body, String status, String reason) {}

    private final Template list;
    private final Template detail;
    private final Template notFound;
    private final FlowCatalog catalog;
    private final MessageStore messages;
    private final EnrollmentStore enrollments;
    private final FlowReportView reports;
    private final ShopCodeStore codes;
    private final CurrentSession session;
    private final Formats formats;
    private final Clock clock;

    public FlowsPage(
            @Location("dashboard/flows.html") Template list,
            @Location("dashboard/flow.html") Template detail,
            @Location("dashboard/not-found.html") Template notFound,
            FlowCatalog catalog,
            MessageStore messages,
            EnrollmentStore enrollments,
            FlowReportView reports,
            ShopCodeStore codes,
            CurrentSession session,
            Formats formats,
            Clock clock) {
        this.list = list;
        this.detail = detail;
        this.notFound = notFound;
        this.catalog = catalog;
        this.messages = messages;
        this.enrollments = enrollments;
        this.reports = reports;
        this.codes = codes;
        this.session = session;
        this.formats = formats;
        this.clock = clock;
    }

    @GET
    public Response list() {
        Map<String, Long> failed = enrollments.failedCounts();
        List<FlowRow> rows = catalog.all().stream()
                .map(e -> row(e, e.status() == FlowCatalog.Status.INVALID, failed.getOrDefault(e.id(), 0L)))
                .toList();
        return Response.ok(list.data("frame", PageFrame.of("Flows", "flows", session))
                        .data("flows", rows))
                .build();
    }

    @GET
    @Path("/{id}")
    public Response flow(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<FlowCatalog.Entry> entry = catalog.entry(id);
        if (entry.isEmpty()) {
            return Response.status(404)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(notFound.data("frame", PageFrame.of("Flow not found", "flows", session))
                            .data("message", "There is no flow '" + id + "' in the flows folder."))
                    .build();
        }
        FlowRow row = row(entry.get(), true, enrollments.failedCount(id));
        Period period = Period.lastDays(90, clock, formats.zone(), from, to);
        List<MessageRow> recent = messages.find(id, null, RECENT_MESSAGES).stream()
                .map(m -> new MessageRow(
                        formats.time(m.createdAt()),
                        m.customerId(),
                        m.stepId(),
                        m.to(),
                        m.body(),
                        m.status(),
                        m.statusReason() == null
                                ? (m.errorCode() == null ? "" : "error " + m.errorCode())
                                : m.statusReason()))
                .toList();
        List<FailedRow> failures = row.failed() == 0
                ? List.of()
                : enrollments.latestFailed(id, RECENT_FAILURES).stream()
                        .map(f -> new FailedRow(f.id(), formats.time(f.failedAt()), f.customerId(), f.failure()))
                        .toList();
        long failedCodes = codes.failedCount(id);
        List<CodeRow> codeRows = failedCodes == 0
                ? List.of()
                : codes.latestFailed(id, RECENT_FAILURES).stream()
                        .map(k -> new CodeRow(formats.time(k.issuedAt()), k.code(), k.attempts(), k.error()))
                        .toList();
        return Response.ok(detail.data("frame", PageFrame.of("Flow " + id, "flows", session))
                        .data("flow", row)
                        .data("failures", failures)
                        .data("failedCodes", failedCodes)
                        .data("codes", codeRows)
                        .data("failuresLimit", RECENT_FAILURES)
                        .data("period", period)
                        .data(
                                "report",
                                entry.get().status() == FlowCatalog.Status.ACTIVE ? reports.of(id, period) : null)
                        .data("messages", recent)
                        .data("recentLimit", RECENT_MESSAGES))
                .build();
    }

    private FlowRow row(FlowCatalog.Entry e, boolean withSource, long failed) {
        long errors = e.problems().stream().filter(Problem::isError).count();
        long warnings = e.problems().size() - errors;
        return new FlowRow(
                e.id(),
                e.file(),
                e.version() == null ? "–" : e.version(),
                e.status().name().toLowerCase(),
                errors,
                warnings,
                withSource ? FlowSourceView.of(e.id(), catalog.sourceOf(e), e.problems()) : null,
                failed);
    }
}
