package io.comeback.web.dashboard;

import io.comeback.reports.LoyaltyPeriod;
import io.comeback.reports.LoyaltyReport;
import io.comeback.reports.NpsReport;
import io.comeback.reports.ReportInterval;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The overview's figures of one loyalty report, each with its value for the whole period, what it means, a chart
 * and a table per period. Money carries the shop's currency; a period not over yet (this month so far) is marked as
 * such in the chart and the table, so it is not read as a complete month.
 */
final class OverviewFigures {

    @TemplateData
    public record Figure(String id, String name, String value, String note, RawString chart, List<Cell> periods) {}

    @TemplateData
    public record Cell(String period, String value, boolean partial) {}

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final Formats formats;
    private final ReportInterval interval;
    private final ZoneId zone;
    private final List<LoyaltyPeriod> periods;
    private final List<String> labels = new ArrayList<>();
    private final List<Boolean> partial = new ArrayList<>();

    OverviewFigures(Formats formats, ReportInterval interval, List<LoyaltyPeriod> periods) {
        this.formats = formats;
        this.interval = interval;
        this.zone = formats.zone();
        this.periods = periods;
        for (LoyaltyPeriod p : periods) {
            LocalDate start = p.start().atZone(zone).toLocalDate();
            LocalDate end = p.end().atZone(zone).toLocalDate();
            labels.add(interval == ReportInterval.MONTH ? MONTH.format(start) : start.toString());
            partial.add(!interval.startOf(start).equals(start)
                    || !interval.next(start).equals(end));
        }
    }

    /** The periods cut short by the chosen dates ("2026-12: 1 to 7 December"), for the note under the figures. */
    List<String> partialPeriods() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            if (partial.get(i)) {
                LoyaltyPeriod p = periods.get(i);
                out.add(labels.get(i) + " (" + formats.day(p.start()) + " to "
                        + formats.day(p.end().minusNanos(1)) + ")");
            }
        }
        return out;
    }

    List<Figure> all(LoyaltyReport report) {
        LoyaltyPeriod total = report.total();
        SvgCharts.Axis percent =
                new SvgCharts.Axis(null, (v, step) -> Formats.number(v * 100, Formats.decimalsOf(step * 100)) + " %");
        SvgCharts.Axis plain = new SvgCharts.Axis(null, (v, step) -> Formats.number(v, Formats.decimalsOf(step)));
        SvgCharts.Axis money =
                new SvgCharts.Axis(formats.currency(), (v, step) -> Formats.number(v, Formats.decimalsOf(step)));
        return List.of(
                figure(
                        "crr",
                        "Customer retention rate",
                        Formats.percent(total.retentionRate()),
                        report.definitions().get("retentionRate"),
                        LoyaltyPeriod::retentionRate,
                        Formats::percent,
                        percent),
                figure(
                        "churn",
                        "Churn rate",
                        Formats.percent(total.churnRate()),
                        report.definitions().get("churnRate"),
                        LoyaltyPeriod::churnRate,
                        Formats::percent,
                        percent),
                figure(
                        "repeat",
                        "Repeat purchase rate",
                        Formats.percent(total.repeatPurchaseRate()),
                        "customers who ordered and have two orders or more by the end ÷ customers who ordered",
                        LoyaltyPeriod::repeatPurchaseRate,
                        Formats::percent,
                        percent),
                figure(
                        "aov",
                        "Average order value",
                        formats.money(total.averageOrderValue()),
                        "revenue ÷ orders: " + Formats.count(total.orders()) + " orders, revenue "
                                + formats.money(total.revenue()),
                        p -> toDouble(p.averageOrderValue()),
                        v -> formats.money(BigDecimal.valueOf(v)),
                        money),
                figure(
                        "frequency",
                        "Purchase frequency",
                        Formats.decimal(total.purchaseFrequency(), 2),
                        "orders per customer who ordered",
                        LoyaltyPeriod::purchaseFrequency,
                        v -> Formats.decimal(v, 2),
                        plain),
                figure(
                        "clv",
                        "Customer lifetime value",
                        formats.money(total.lifetimeValue()),
                        report.lifetimeValueFormula(),
                        p -> toDouble(p.lifetimeValue()),
                        v -> formats.money(BigDecimal.valueOf(v)),
                        money),
                nps(total.nps(), plain));
    }

    private Figure nps(NpsReport total, SvgCharts.Axis axis) {
        String note = total == null || total.responses() == 0
                ? "no answers in the period"
                : "% promoters (9–10) − % detractors (0–6): " + Formats.count(total.responses()) + " answers, "
                        + Formats.count(total.promoters()) + " promoters, " + Formats.count(total.passives())
                        + " passives, " + Formats.count(total.detractors()) + " detractors";
        return figure(
                "nps",
                "Net Promoter Score",
                total == null ? Formats.NONE : Formats.decimal(total.score(), 0),
                note,
                p -> p.nps() == null ? null : p.nps().score(),
                v -> Formats.decimal(v, 0),
                axis);
    }

    private Figure figure(
            String id,
            String name,
            String value,
            String note,
            Function<LoyaltyPeriod, Double> of,
            DoubleFunction<String> format,
            SvgCharts.Axis axis) {
        List<SvgCharts.Point> points = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            Double v = of.apply(periods.get(i));
            points.add(new SvgCharts.Point(labels.get(i), v, partial.get(i)));
            cells.add(new Cell(labels.get(i), v == null ? Formats.NONE : format.apply(v), partial.get(i)));
        }
        String title = name + " per " + interval.label();
        return new Figure(id, name, value, note, SvgLines.line("chart-" + id, title, points, format, axis), cells);
    }

    private static Double toDouble(BigDecimal amount) {
        return amount == null ? null : amount.doubleValue();
    }
}
