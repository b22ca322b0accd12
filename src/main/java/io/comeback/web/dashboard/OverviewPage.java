package io.comeback.web.dashboard;

import io.comeback.flows.FlowCatalog;
import io.comeback.reports.LapseDefinition;
import io.comeback.reports.LoyaltyPeriod;
import io.comeback.reports.LoyaltyReport;
import io.comeback.reports.LoyaltyReports;
import io.comeback.reports.ReportInterval;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * Loyalty figures of a period with a trend chart each: {@code /?from=&to=&interval=&flow=}, by default this month so
 * far and the eleven months before it. On a new installation it says how to bring customers in instead.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class OverviewPage {

    static final int DEFAULT_MONTHS = 12;

    /**
     * The lapse definition beside the figures: the window in words, each inactive flow's rule by the flow's name, and
     * {@code differs} when no inactive flow uses the same fixed window.
     */
    @TemplateData
    public record LapseView(String window, String definition, List<DetectorRule> detector, boolean differs) {}

    @TemplateData
    public record DetectorRule(String flowId, String flowName, String rule) {}

    private final Template overview;
    private final LoyaltyReports loyalty;
    private final FlowNames names;
    private final FlowCatalog catalog;
    private final ShopActivityStore shop;
    private final CurrentSession session;
    private final Formats formats;
    private final Clock clock;

    public OverviewPage(
            @Location("dashboard/overview.html") Template overview,
            LoyaltyReports loyalty,
            FlowNames names,
            FlowCatalog catalog,
            ShopActivityStore shop,
            CurrentSession session,
            Formats formats,
            Clock clock) {
        this.overview = overview;
        this.loyalty = loyalty;
        this.names = names;
        this.catalog = catalog;
        this.shop = shop;
        this.session = session;
        this.formats = formats;
        this.clock = clock;
    }

    @GET
    public Response page(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("interval") String intervalText,
            @QueryParam("flow") String flowText) {
        ReportInterval interval = ReportInterval.parse(intervalText).orElse(ReportInterval.MONTH);
        Period period = Period.monthsToToday(DEFAULT_MONTHS, clock, formats.zone(), from, to);
        List<FlowNames.Named> flows = names.all();
        String flow = flowText != null && catalog.entry(flowText).isPresent() ? flowText : null;
        LoyaltyReport report = loyalty.report(period.from(), period.to(), interval, flow, formats.zone());
        List<LoyaltyPeriod> periods = report.periods();
        OverviewFigures figures = new OverviewFigures(formats, interval, periods);
        LoyaltyPeriod total = report.total();
        return Response.ok(overview.data("frame", PageFrame.of("Overview", "overview", session))
                        .data("period", period)
                        .data("interval", interval.label())
                        .data("flows", flows)
                        .data("flow", flow == null ? "" : flow)
                        .data("flowName", flow == null ? "" : names.of(flow))
                        .data("noCustomers", !shop.anyCustomer())
                        .data("noOrders", !shop.anyOrder())
                        .data("noFlows", flows.isEmpty())
                        .data("currency", formats.currency())
                        .data("figures", figures.all(report))
                        .data("partial", figures.partialPeriods())
                        .data("customersAtStart", Formats.count(total.customersAtStart()))
                        .data("customersAtEnd", Formats.count(total.customersAtEnd()))
                        .data("newCustomers", Formats.count(total.newCustomers()))
                        .data("lifespan", Formats.decimal(total.averageLifespanDays(), 0))
                        .data("lapse", lapse(report.lapse())))
                .build();
    }

    private LapseView lapse(LapseDefinition.Lapse lapse) {
        return new LapseView(
                Formats.duration(lapse.window()),
                lapse.definition(),
                lapse.detector().stream()
                        .map(d -> new DetectorRule(d.flowId(), names.of(d.flowId()), d.rule()))
                        .toList(),
                Boolean.FALSE.equals(lapse.sameAsDetector()));
    }
}
