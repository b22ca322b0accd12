package io.comeback.web;

import io.comeback.audience.CsvDialect;
import io.comeback.audience.DefaultTimeZoneConfig;
import io.comeback.reports.FlowReport;
import io.comeback.reports.FlowReports;
import io.comeback.reports.LoyaltyReport;
import io.comeback.reports.LoyaltyReports;
import io.comeback.reports.NpsReport;
import io.comeback.reports.NpsReports;
import io.comeback.reports.ReportFlows;
import io.comeback.reports.ReportInterval;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reports as JSON, or as CSV with {@code Accept: text/csv}, {@code ?format=csv} or {@code ?dialect=excel-nordic}
 * ({@link CsvDialect}). README "Reports"
 * defines every figure.
 */
@Path("/api/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@Tag(name = "Reports")
public class ReportResource {

    static final String CSV = "text/csv";
    private static final String RANGE_DOC =
            "ISO date (start of that day in the zone) or instant; default: the last 30 days";

    private final FlowReports flowReports;
    private final LoyaltyReports loyaltyReports;
    private final NpsReports npsReports;
    private final ReportFlows flows;
    private final ZoneId defaultZone;
    private final Clock clock;

    public ReportResource(
            FlowReports flowReports,
            LoyaltyReports loyaltyReports,
            NpsReports npsReports,
            ReportFlows flows,
            DefaultTimeZoneConfig zone,
            Clock clock) {
        this.flowReports = flowReports;
        this.loyaltyReports = loyaltyReports;
        this.npsReports = npsReports;
        this.flows = flows;
        this.defaultZone = ZoneId.of(zone.zone());
        this.clock = clock;
    }

    @GET
    @Path("/flows/{id}")
    @Operation(
            summary =
                    "A flow's funnel (entered, held out, sent, delivered, failed by error, replied, clicked, "
                            + "opted out, converted, attributed orders and revenue, coupon redemptions) and its lift against the holdout")
    public Response flow(
            @PathParam("id") String id,
            @Parameter(description = RANGE_DOC) @QueryParam("from") String from,
            @Parameter(description = RANGE_DOC) @QueryParam("to") String to,
            @Parameter(description = "IANA zone for dates; default COMEBACK_DEFAULT_TIME_ZONE") @QueryParam("zone")
                    String zone,
            @Parameter(description = "json or csv; default from the Accept header") @QueryParam("format") String format,
            @Parameter(description = "CSV only: " + CsvDialects.DOC) @QueryParam("dialect") String dialectName,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        CsvDialect dialect = CsvDialects.parseOrNull(dialectName);
        boolean csv = wantsCsv(format, accept, dialect);
        ReportRange range = ReportRange.parse(from, to, zone, defaultZone, clock.instant());
        FlowReport report = flowReports.report(id, range.from(), range.to());
        if (report == null) {
            throw ProblemException.notFound("No flow '" + id + "' in the flow folder or in the flow history");
        }
        return csv ? csv(ReportCsv.flow(report, csvDialect(dialect)), "flow-" + id, range) : json(report);
    }

    @GET
    @Path("/loyalty")
    @Operation(
            summary = "Retention, churn, repeat purchase rate, average order value, purchase frequency, lifespan, "
                    + "lifetime value and NPS per calendar period, and over the whole range")
    public Response loyalty(
            @Parameter(description = RANGE_DOC) @QueryParam("from") String from,
            @Parameter(description = RANGE_DOC) @QueryParam("to") String to,
            @Parameter(description = "day, week or month (default)") @QueryParam("interval") String interval,
            @Parameter(description = "only the customers who entered this flow (not held out)") @QueryParam("flow")
                    String flow,
            @Parameter(description = "IANA zone of the calendar; default COMEBACK_DEFAULT_TIME_ZONE")
                    @QueryParam("zone")
                    String zone,
            @Parameter(description = "json or csv; default from the Accept header") @QueryParam("format") String format,
            @Parameter(description = "CSV only: " + CsvDialects.DOC) @QueryParam("dialect") String dialectName,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        CsvDialect dialect = CsvDialects.parseOrNull(dialectName);
        boolean csv = wantsCsv(format, accept, dialect);
        ReportRange range = ReportRange.parse(from, to, zone, defaultZone, clock.instant());
        ReportInterval unit = ReportRange.interval(interval);
        String flowId = knownFlowOrNull(flow);
        LoyaltyReport report;
        try {
            report = loyaltyReports.report(range.from(), range.to(), unit, flowId, range.zone());
        } catch (IllegalArgumentException tooMany) {
            throw ReportRange.badRequest("interval", tooMany.getMessage());
        }
        return csv ? csv(ReportCsv.loyalty(report, csvDialect(dialect)), "loyalty", range) : json(report);
    }

    @GET
    @Path("/nps")
    @Operation(summary = "Net Promoter Score of the survey answers given in the period, with the counts behind it")
    public Response nps(
            @Parameter(description = RANGE_DOC) @QueryParam("from") String from,
            @Parameter(description = RANGE_DOC) @QueryParam("to") String to,
            @Parameter(description = "only the answers to this flow") @QueryParam("flow") String flow,
            @Parameter(description = "IANA zone for dates; default COMEBACK_DEFAULT_TIME_ZONE") @QueryParam("zone")
                    String zone,
            @Parameter(description = "json or csv; default from the Accept header") @QueryParam("format") String format,
            @Parameter(description = "CSV only: " + CsvDialects.DOC) @QueryParam("dialect") String dialectName,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        CsvDialect dialect = CsvDialects.parseOrNull(dialectName);
        boolean csv = wantsCsv(format, accept, dialect);
        ReportRange range = ReportRange.parse(from, to, zone, defaultZone, clock.instant());
        String flowId = knownFlowOrNull(flow);
        NpsReport report = npsReports.report(range.from(), range.to(), flowId);
        return csv
                ? csv(ReportCsv.nps(range.from(), range.to(), flowId, report, csvDialect(dialect)), "nps", range)
                : json(report);
    }

    private String knownFlowOrNull(String flow) {
        if (flow == null || flow.isBlank()) {
            return null;
        }
        if (!flows.exists(flow)) {
            throw new ProblemException(
                    404,
                    "Not found",
                    "flow: no flow '" + flow + "' in the flow folder or in the flow history",
                    java.util.List.of(ProblemDetails.Violation.ofField("flow", "no flow '" + flow + "'")));
        }
        return flow;
    }

    /**
     * {@code ?format=} wins; a {@code ?dialect=} asks for CSV; without either, CSV only when the client asks for it
     * before JSON.
     */
    static boolean wantsCsv(String format, String accept, CsvDialect dialect) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("csv") && !f.equals("json")) {
                throw ReportRange.badRequest("format", "'" + format + "' is not a format; use json or csv");
            }
            if (f.equals("json") && dialect != null) {
                throw ReportRange.badRequest("dialect", "a dialect is for CSV; leave it out with format=json");
            }
            return f.equals("csv");
        }
        if (dialect != null) {
            return true;
        }
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        int csv = a.indexOf(CSV);
        int json = a.indexOf(MediaType.APPLICATION_JSON);
        return csv >= 0 && (json < 0 || csv < json);
    }

    private static CsvDialect csvDialect(CsvDialect asked) {
        return asked == null ? CsvDialect.STANDARD : asked;
    }

    private static Response json(Object report) {
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response csv(String body, String name, ReportRange range) {
        String file = name + "_" + day(range.from(), range.zone()) + "_" + day(range.to(), range.zone()) + ".csv";
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + file.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }

    private static LocalDate day(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }
}
