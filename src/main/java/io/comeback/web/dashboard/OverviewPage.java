package io.comeback.web.dashboard;

import io.comeback.flows.FlowCatalog;
import io.comeback.reports.LoyaltyPeriod;
import io.comeback.reports.LoyaltyReport;
import io.comeback.reports.LoyaltyReports;
import io.comeback.reports.NpsReport;
import io.comeback.reports.ReportInterval;
import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/** Loyalty figures of a period with a trend chart each: {@code /?from=&to=&interval=&flow=}, default the last 12 months. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@SignedIn
public class OverviewPage {

    @TemplateData
    public record Figure(String id, String name, String value, String note, RawString chart, List<Cell> periods) {}

    @TemplateData
    public record Cell(String period, String value) {}

    /** The lapse definition beside the figures; {@code differs} when no inactive flow uses the same fixed window. */
    @TemplateData
    public record LapseView(String definition, List<DetectorRule> detector, boolean differs) {
        static LapseView of(io.comeback.reports.LapseDefinition.Lapse lapse) {
            return new LapseView(
                    lapse.definition(),
                    lapse.detector().stream()
                            .map(d -> new DetectorRule(d.flowId(), d.rule()))
                            .toList(),
                    Boolean.FALSE.equals(lapse.sameAsDetector()));
        }
    }

    @TemplateData
    public record DetectorRule(String flowId, String rule) {}

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final Template overview;
    private final LoyaltyReports loyalty;
    private final FlowCatalog catalog;
    private final CurrentSession session;
    private final Formats formats;
    private final Clock clock;

    public OverviewPage(
            @Location("dashboard/overview.html") Template overview,
            LoyaltyReports loyalty,
            FlowCatalog catalog,
            CurrentSession session,
            Formats formats,
            Clock clock) {
        this.overview = overview;
        this.loyalty = loyalty;
        this.catalog = catalog;
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
        Period period = Period.lastMonths(12, clock, formats.zone(), from, to);
        List<String> flows = catalog.all().stream().map(FlowCatalog.Entry::id).toList();
        String flow = flowText != null && flows.contains(flowText) ? flowText : null;
        LoyaltyReport report = loyalty.report(period.from(), period.to(), interval, flow, formats.zone());
        List<LoyaltyPeriod> periods = report.periods();
        Function<LoyaltyPeriod, String> label = p -> interval == ReportInterval.MONTH
                ? MONTH.format(p.start().atZone(formats.zone()))
                : formats.day(p.start());
        LoyaltyPeriod total = report.total();
        List<Figure> figures = List.of(
                rate(
                        "crr",
                        "Customer retention rate",
                        total.retentionRate(),
                        report.definitions().get("retentionRate"),
                        periods,
                        label,
                        LoyaltyPeriod::retentionRate),
                rate(
                        "churn",
                        "Churn rate",
                        total.churnRate(),
                        report.definitions().get("churnRate"),
                        periods,
                        label,
                        LoyaltyPeriod::churnRate),
                rate(
                        "repeat",
                        "Repeat purchase rate",
                        total.repeatPurchaseRate(),
                        "customers who ordered and have two orders or more by the end ÷ customers who ordered",
                        periods,
                        label,
                        LoyaltyPeriod::repeatPurchaseRate),
                money(
                        "aov",
                        "Average order value (" + report.currency() + ")",
                        total.averageOrderValue(),
                        Formats.count(total.orders()) + " orders, revenue "
                                + Formats.money(total.revenue(), report.currency()),
                        periods,
                        label,
                        LoyaltyPeriod::averageOrderValue),
                number(
                        "frequency",
                        "Purchase frequency",
                        total.purchaseFrequency(),
                        "orders per customer who ordered",
                        periods,
                        label,
                        LoyaltyPeriod::purchaseFrequency,
                        2),
                money(
                        "clv",
                        "Customer lifetime value (" + report.currency() + ")",
                        total.lifetimeValue(),
                        report.lifetimeValueFormula(),
                        periods,
                        label,
                        LoyaltyPeriod::lifetimeValue),
                nps(total.nps(), periods, label));
        return Response.ok(overview.data("frame", PageFrame.of("Overview", "overview", session))
                        .data("period", period)
                        .data("interval", interval.label())
                        .data("flows", flows)
                        .data("flow", flow == null ? "" : flow)
                        .data("figures", figures)
                        .data("customersAtStart", Formats.count(total.customersAtStart()))
                        .data("customersAtEnd", Formats.count(total.customersAtEnd()))
                        .data("newCustomers", Formats.count(total.newCustomers()))
                        .data("lifespan", Formats.decimal(total.averageLifespanDays(), 0))
                        .data("lapse", LapseView.of(report.lapse())))
                .build();
    }

    private static Figure rate(
            String id,
            String name,
            Double total,
            String note,
            List<LoyaltyPeriod> periods,
            Function<LoyaltyPeriod, String> label,
            Function<LoyaltyPeriod, Double> value) {
        return figure(id, name, Formats.percent(total), note, periods, label, value, v -> Formats.percent(v));
    }

    private static Figure number(
            String id,
            String name,
            Double total,
            String note,
            List<LoyaltyPeriod> periods,
            Function<LoyaltyPeriod, String> label,
            Function<LoyaltyPeriod, Double> value,
            int digits) {
        return figure(
                id, name, Formats.decimal(total, digits), note, periods, label, value, v -> Formats.decimal(v, digits));
    }

    private static Figure money(
            String id,
            String name,
            BigDecimal total,
            String note,
            List<LoyaltyPeriod> periods,
            Function<LoyaltyPeriod, String> label,
            Function<LoyaltyPeriod, BigDecimal> value) {
        return figure(
                id,
                name,
                Formats.money(total),
                note,
                periods,
                label,
                p -> value.apply(p) == null ? null : value.apply(p).doubleValue(),
                v -> Formats.money(BigDecimal.valueOf(v)));
    }

    private static Figure nps(NpsReport total, List<LoyaltyPeriod> periods, Function<LoyaltyPeriod, String> label) {
        String note = total == null || total.responses() == 0
                ? "no answers in the period"
                : Formats.count(total.responses()) + " answers: " + Formats.count(total.promoters())
                        + " promoters (9–10), " + Formats.count(total.passives()) + " passives, "
                        + Formats.count(total.detractors()) + " detractors (0–6)";
        return figure(
                "nps",
                "Net Promoter Score",
                total == null ? Formats.NONE : Formats.decimal(total.score(), 0),
                note,
                periods,
                label,
                p -> p.nps() == null ? null : p.nps().score(),
                v -> Formats.decimal(v, 0));
    }

    private static Figure figure(
            String id,
            String name,
            String value,
            String note,
            List<LoyaltyPeriod> periods,
            Function<LoyaltyPeriod, String> label,
            Function<LoyaltyPeriod, Double> of,
            DoubleFunction<String> format) {
        List<SvgCharts.Point> points = periods.stream()
                .map(p -> new SvgCharts.Point(label.apply(p), of.apply(p)))
                .toList();
        List<Cell> cells = points.stream()
                .map(p -> new Cell(p.label(), p.value() == null ? Formats.NONE : format.apply(p.value())))
                .toList();
        return new Figure(
                id, name, value, note, SvgCharts.line("chart-" + id, name + " per period", points, format), cells);
    }
}
