package io.comeback.web.dashboard;

import io.comeback.reports.ReferralReport;
import io.comeback.reports.ReferralReports;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /referrals}: every referrer with their friends' sign-ups, first orders and revenue (README "Referrals"). */
@Path("/referrals")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class ReferralsPage {

    /** The referrers shown; the API has them all. */
    static final int SHOWN = 200;

    @TemplateData
    public record Row(String customerId, String code, long referred, long converted, long orders, String revenue) {}

    private final Template page;
    private final ReferralReports reports;
    private final CurrentSession session;

    public ReferralsPage(
            @Location("dashboard/referrals.html") Template page, ReferralReports reports, CurrentSession session) {
        this.page = page;
        this.reports = reports;
        this.session = session;
    }

    @GET
    public Response list() {
        ReferralReport report = reports.report(null, null);
        List<Row> rows = report.referrers().stream()
                .limit(SHOWN)
                .map(r -> new Row(
                        r.customerId(),
                        r.code() == null ? "" : r.code(),
                        r.referred(),
                        r.converted(),
                        r.orders(),
                        Formats.money(r.revenue(), report.currency())))
                .toList();
        ReferralReport.Totals t = report.totals();
        return Response.ok(page.data("frame", PageFrame.of("Referrals", "referrals", session))
                        .data("rows", rows)
                        .data("shown", SHOWN)
                        .data(
                                "totals",
                                new Row(
                                        t.referrers() + " referrers",
                                        "",
                                        t.referred(),
                                        t.converted(),
                                        t.orders(),
                                        Formats.money(t.revenue(), report.currency()))))
                .build();
    }
}
