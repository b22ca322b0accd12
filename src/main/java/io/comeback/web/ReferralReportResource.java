package io.comeback.web;

import io.comeback.audience.DefaultTimeZoneConfig;
import io.comeback.reports.ReferralReport;
import io.comeback.reports.ReferralReports;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/reports/referrals}: referrers, the customers they referred, and those customers' orders. */
@Path("/api/reports/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class ReferralReportResource {

    private static final String RANGE_DOC =
            "ISO date (start of that day in the zone) or instant; without from and to: every referral ever made";

    private final ReferralReports reports;
    private final ZoneId defaultZone;
    private final Clock clock;

    public ReferralReportResource(ReferralReports reports, DefaultTimeZoneConfig zone, Clock clock) {
        this.reports = reports;
        this.defaultZone = ZoneId.of(zone.zone());
        this.clock = clock;
    }

    @GET
    @Operation(
            summary = "Referrers (sorted by revenue), the customers they referred in the period, whether each converted"
                    + " (first order), and their orders and revenue")
    public ReferralReport referrals(
            @Parameter(description = RANGE_DOC) @QueryParam("from") String from,
            @Parameter(description = RANGE_DOC) @QueryParam("to") String to,
            @Parameter(description = "IANA zone for dates; default COMEBACK_DEFAULT_TIME_ZONE") @QueryParam("zone")
                    String zone) {
        if (blank(from) && blank(to)) {
            return reports.report(null, null);
        }
        ReportRange range = ReportRange.parse(from, to, zone, defaultZone, clock.instant());
        return reports.report(range.from(), range.to());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
