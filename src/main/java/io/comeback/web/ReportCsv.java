package io.comeback.web;

import io.comeback.audience.CsvCells;
import io.comeback.audience.CsvDialect;
import io.comeback.reports.FlowReport;
import io.comeback.reports.Funnel;
import io.comeback.reports.Lift;
import io.comeback.reports.LoyaltyPeriod;
import io.comeback.reports.LoyaltyReport;
import io.comeback.reports.NpsReport;
import java.util.Map;

/** Reports as CSV (RFC 4180 or Excel's Nordic {@link CsvDialect}, a header row): one row per figure of a flow, one per period of loyalty. */
final class ReportCsv {

    private final StringBuilder out = new StringBuilder();
    private final CsvDialect dialect;

    private ReportCsv(CsvDialect dialect) {
        this.dialect = dialect;
        out.append(dialect.start());
    }

    static String flow(FlowReport r, CsvDialect dialect) {
        ReportCsv csv = new ReportCsv(dialect);
        csv.row("flow", "from", "to", "figure", "value");
        Funnel f = r.funnel();
        csv.figure(r, "attribution_window", r.attributionWindow());
        csv.figure(r, "entered", f.entered());
        csv.figure(r, "treated", f.treated());
        csv.figure(r, "held_out", f.heldOut());
        csv.figure(r, "sent", f.sent());
        csv.figure(r, "delivered", f.delivered());
        csv.figure(r, "failed", f.failed());
        for (Map.Entry<String, Long> error : f.failedByError().entrySet()) {
            csv.figure(r, "failed_error_" + error.getKey(), error.getValue());
        }
        csv.figure(r, "replied", f.replied());
        csv.figure(r, "clicked", f.clicked());
        csv.figure(r, "opted_out", f.optedOut());
        csv.figure(r, "converted", f.converted());
        csv.figure(r, "attributed_orders", f.attributedOrders());
        csv.figure(r, "attributed_revenue", f.attributedRevenue());
        csv.figure(r, "redemptions", f.redemptions());
        csv.figure(r, "redemption_revenue", f.redemptionRevenue());
        Lift l = r.lift();
        if (l != null) {
            csv.figure(r, "lift_treated", l.treated());
            csv.figure(r, "lift_treated_converted", l.treatedConverted());
            csv.figure(r, "lift_treated_rate", l.treatedRate());
            csv.figure(r, "lift_treated_revenue_per_person", l.treatedRevenuePerPerson());
            csv.figure(r, "lift_holdout", l.holdout());
            csv.figure(r, "lift_holdout_converted", l.holdoutConverted());
            csv.figure(r, "lift_holdout_rate", l.holdoutRate());
            csv.figure(r, "lift_holdout_revenue_per_person", l.holdoutRevenuePerPerson());
            csv.figure(r, "lift_difference", l.difference());
            csv.figure(r, "lift_ci_low", l.ciLow());
            csv.figure(r, "lift_ci_high", l.ciHigh());
            csv.figure(r, "lift_significant", l.significant());
        }
        return csv.toString();
    }

    static String loyalty(LoyaltyReport r, CsvDialect dialect) {
        ReportCsv csv = new ReportCsv(dialect);
        csv.row(
                "row",
                "start",
                "end",
                "customers_at_start",
                "customers_at_end",
                "new_customers",
                "retention_rate",
                "churn_rate",
                "repeat_purchase_rate",
                "orders",
                "revenue",
                "average_order_value",
                "purchase_frequency",
                "average_lifespan_days",
                "lifetime_value",
                "nps_responses",
                "nps_score");
        for (LoyaltyPeriod p : r.periods()) {
            csv.period("period", p);
        }
        csv.period("total", r.total());
        return csv.toString();
    }

    static String nps(java.time.Instant from, java.time.Instant to, String flow, NpsReport n, CsvDialect dialect) {
        ReportCsv csv = new ReportCsv(dialect);
        csv.row("from", "to", "flow", "responses", "promoters", "passives", "detractors", "score");
        csv.row(from, to, flow, n.responses(), n.promoters(), n.passives(), n.detractors(), n.score());
        return csv.toString();
    }

    private void figure(FlowReport r, String name, Object value) {
        row(r.flowId(), r.from(), r.to(), name, value);
    }

    private void period(String kind, LoyaltyPeriod p) {
        row(
                kind,
                p.start(),
                p.end(),
                p.customersAtStart(),
                p.customersAtEnd(),
                p.newCustomers(),
                p.retentionRate(),
                p.churnRate(),
                p.repeatPurchaseRate(),
                p.orders(),
                p.revenue(),
                p.averageOrderValue(),
                p.purchaseFrequency(),
                p.averageLifespanDays(),
                p.lifetimeValue(),
                p.nps().responses(),
                p.nps().score());
    }

    /** Cells spelled by the dialect: empty for null, quoted when needed, never a formula ({@link CsvCells}). */
    private void row(Object... values) {
        out.append(dialect.row(values));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
