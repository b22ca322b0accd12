package io.comeback.web.dashboard;

import io.comeback.reports.FlowReport;
import io.comeback.reports.FlowReports;
import io.comeback.reports.Funnel;
import io.comeback.reports.Lift;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** A flow's funnel and lift (from {@link FlowReports}) as the flow page shows them. */
@ApplicationScoped
public class FlowReportView {

    /** {@code figure} is the field's name in {@code GET /api/reports/flows/{id}}, so page and API can be compared. */
    @TemplateData
    public record FunnelRow(String figure, String label, String value, String note) {}

    @TemplateData
    public record ErrorRow(String code, String count) {}

    @TemplateData
    public record LiftView(
            String treated,
            String treatedConverted,
            String treatedRate,
            String treatedRevenuePerPerson,
            String holdout,
            String holdoutConverted,
            String holdoutRate,
            String holdoutRevenuePerPerson,
            String difference,
            String interval,
            boolean significant,
            String verdict) {}

    @TemplateData
    public record Model(
            String attributionWindow,
            List<FunnelRow> funnel,
            RawString chart,
            List<ErrorRow> failedByError,
            LiftView lift) {}

    private final FlowReports reports;
    private final Formats formats;
    private final FlowNames names;

    public FlowReportView(FlowReports reports, Formats formats, FlowNames names) {
        this.reports = reports;
        this.formats = formats;
        this.names = names;
    }

    /** Null when the reports know no such flow. */
    public Model of(String flowId, Period period) {
        FlowReport report = reports.report(flowId, period.from(), period.to());
        if (report == null) {
            return null;
        }
        Funnel f = report.funnel();
        List<FunnelRow> rows = List.of(
                count(
                        "entered",
                        "Entered",
                        f.entered(),
                        "customers who entered the flow in the period: treated + held out"),
                count("treated", "Treated", f.treated(), "entered and meant to get the texts"),
                count(
                        "heldOut",
                        "Held out",
                        f.heldOut(),
                        "entered but kept out of the texts (holdout group), to measure lift"),
                count("sent", "Sent", f.sent(), "texts handed to the gateway"),
                count("delivered", "Delivered", f.delivered(), "delivery receipts"),
                count("failed", "Failed", f.failed(), "failed or undelivered"),
                count("replied", "Replied", f.replied(), "customers who answered a text"),
                count("clicked", "Clicked", f.clicked(), "customers who clicked a link"),
                count("optedOut", "Opted out", f.optedOut(), "left the flow by opting out"),
                count(
                        "converted",
                        "Converted",
                        f.converted(),
                        "treated customers who reached the flow's goal after one of their texts was sent"),
                count(
                        "attributedOrders",
                        "Attributed orders",
                        f.attributedOrders(),
                        "orders within the attribution window, last touch"),
                new FunnelRow(
                        "attributedRevenue",
                        "Attributed revenue",
                        formats.money(f.attributedRevenue()),
                        "revenue of those orders"),
                count("redemptions", "Code redemptions", f.redemptions(), "orders using the flow's unique codes"),
                new FunnelRow(
                        "redemptionRevenue",
                        "Redemption revenue",
                        formats.money(f.redemptionRevenue()),
                        "revenue of those orders"));
        RawString chart = SvgBars.bars(
                "funnel-chart",
                "Funnel of " + names.of(flowId),
                List.of(
                        new SvgCharts.Bar("Entered", f.entered(), null),
                        new SvgCharts.Bar("Treated", f.treated(), null),
                        new SvgCharts.Bar("Held out", f.heldOut(), "held"),
                        new SvgCharts.Bar("Sent", f.sent(), null),
                        new SvgCharts.Bar("Delivered", f.delivered(), null),
                        new SvgCharts.Bar("Failed", f.failed(), "failed"),
                        new SvgCharts.Bar("Replied", f.replied(), null),
                        new SvgCharts.Bar("Clicked", f.clicked(), null),
                        new SvgCharts.Bar("Opted out", f.optedOut(), "failed"),
                        new SvgCharts.Bar("Converted", f.converted(), null)),
                v -> Formats.count((long) v));
        List<ErrorRow> errors = f.failedByError() == null
                ? List.of()
                : f.failedByError().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> new ErrorRow(e.getKey(), Formats.count(e.getValue())))
                        .toList();
        return new Model(window(report), rows, chart, errors, lift(report.lift()));
    }

    private static FunnelRow count(String figure, String label, long value, String note) {
        return new FunnelRow(figure, label, Formats.count(value), note);
    }

    private LiftView lift(Lift l) {
        if (l == null) {
            return null;
        }
        String verdict = l.significant()
                ? "Significant: the 95 % interval does not include zero, so the difference is unlikely to be chance."
                : "Not significant: the 95 % interval includes zero; the flow may make no difference, or more customers are needed to tell.";
        return new LiftView(
                Formats.count(l.treated()),
                Formats.count(l.treatedConverted()),
                Formats.percent(l.treatedRate()),
                formats.money(l.treatedRevenuePerPerson()),
                Formats.count(l.holdout()),
                Formats.count(l.holdoutConverted()),
                Formats.percent(l.holdoutRate()),
                formats.money(l.holdoutRevenuePerPerson()),
                Formats.points(l.difference()),
                Formats.points(l.ciLow()) + " to " + Formats.points(l.ciHigh()),
                l.significant(),
                verdict);
    }

    private static String window(FlowReport report) {
        return Formats.duration(report.attributionWindow());
    }
}
