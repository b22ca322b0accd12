package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.support.Jdbc;
import io.comeback.support.PlannerSettings;
import io.comeback.support.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention, churn, repeat purchases, order value, frequency, lifespan, lifetime value and NPS per
 * calendar period. README "Reports" defines every figure; the customer base at an instant is the
 * customers who ordered within the active window before it: the shop's lapse definition
 * ({@code comeback.reports.active-customer-window}, default 120 days; {@link LapseDefinition}).
 */
@ApplicationScoped
public class LoyaltyReports {

    private final AgroalDataSource dataSource;
    private final Duration activeWindow;
    private final LoyaltyRollup rollup;
    private final LapseDefinition lapse;
    private final ExchangeRates rates;

    public LoyaltyReports(
            AgroalDataSource dataSource,
            LoyaltyRollup rollup,
            LapseDefinition lapse,
            ReportsConfig config,
            ExchangeRates rates) {
        this.rates = rates;
        Duration activeWindow = config.activeCustomerWindow();
        if (!activeWindow.equals(rollup.activeWindow())) {
            throw new IllegalStateException(
                    "the loyalty roll-up is kept for " + rollup.activeWindow() + ", not " + activeWindow);
        }
        this.dataSource = dataSource;
        this.activeWindow = activeWindow;
        this.rollup = rollup;
        this.lapse = lapse;
    }

    public Duration activeWindow() {
        return activeWindow;
    }

    public LoyaltyReport report(Instant from, Instant to, ReportInterval interval, String flowIdOrNull, ZoneId zone) {
        List<TimeRange> periods = Periods.split(from, to, interval, zone);
        List<TimeRange> all = new ArrayList<>(periods);
        all.add(new TimeRange(from, to));
        List<Instant> boundaries = new ArrayList<>();
        for (TimeRange p : all) {
            boundaries.add(p.start());
            boundaries.add(p.end());
        }
        try (Connection c = dataSource.getConnection()) {
            if (flowIdOrNull == null && !zone.equals(rollup.zone())) {
                // The phases of this zone's midnights are built by the fold below, if no report asked before.
                LoyaltyPhaseStore.askFor(c, phases(all, zone));
            }
            // Every order and entry committed before this read is in the roll-ups after this fold.
            rollup.refresh(c);
            List<LoyaltyOrderSums.Cut> cuts = null;
            LoyaltyScope scope = LoyaltyScope.ALL;
            if (flowIdOrNull == null) {
                cuts = cuts(c, all, zone);
            } else if (zone.equals(rollup.zone()) && !enteredSince(c, flowIdOrNull, to)) {
                scope = new LoyaltyScope(flowIdOrNull);
                cuts = all.stream().map(p -> LoyaltyOrderSums.zoneDays(p, zone)).toList();
            }
            LoyaltyQuery.Orders[] orders;
            Map<Instant, LoyaltyQuery.Base> base;
            List<NpsReport> nps;
            c.setAutoCommit(false);
            try {
                // One snapshot for all reads. No JIT: the planner's row estimates for the period arrays are
                // far too high, and compiling the plan cost many times more than running it.
                PlannerSettings.withoutJit(c);
                if (cuts != null) {
                    orders = LoyaltyOrderSums.of(c, all, cuts, scope);
                    base = LoyaltyBaseAt.at(c, boundaries, activeWindow, scope);
                } else {
                    // A flow in another zone, or some of its customers entered after the range: their
                    // figures are not the roll-up's (it holds every member's), so from the orders.
                    orders = LoyaltyQuery.orders(c, all, flowIdOrNull, to);
                    base = LoyaltyQuery.base(c, boundaries, activeWindow, flowIdOrNull, to);
                }
                nps = NpsQuery.perPeriod(c, all, flowIdOrNull);
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            List<LoyaltyPeriod> figures = new ArrayList<>(all.size());
            for (int i = 0; i < all.size(); i++) {
                TimeRange p = all.get(i);
                figures.add(figures(p, orders[i], base.get(p.start()), base.get(p.end()), nps.get(i)));
            }
            return new LoyaltyReport(
                    from,
                    to,
                    interval,
                    flowIdOrNull,
                    List.copyOf(figures.subList(0, periods.size())),
                    figures.get(periods.size()),
                    formula(interval),
                    lapse.current(),
                    lapse.definitions(),
                    rates.currency());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute loyalty figures", e);
        }
    }

    /** The phases of the report zone's midnights in these periods (V120), without −1 (none, or not whole hours). */
    private static java.util.Set<Integer> phases(List<TimeRange> periods, ZoneId zone) {
        java.util.Set<Integer> phases = new java.util.HashSet<>();
        periods.forEach(p -> phases.add(LoyaltyOrderSums.phaseOf(p, zone)));
        phases.remove(-1);
        return phases;
    }

    /**
     * Which whole days each period's order sums are read from: the roll-up zone's days in that zone, else
     * the days of the phase of the report zone's midnights (V120), built by the fold before the read; for a
     * zone with a fractional offset, the roll-up zone's days, with the rest of the period read from the orders.
     */
    private List<LoyaltyOrderSums.Cut> cuts(Connection c, List<TimeRange> periods, ZoneId zone) throws SQLException {
        if (zone.equals(rollup.zone())) {
            return periods.stream().map(p -> LoyaltyOrderSums.zoneDays(p, zone)).toList();
        }
        List<Integer> phases =
                periods.stream().map(p -> LoyaltyOrderSums.phaseOf(p, zone)).toList();
        java.util.Set<Integer> built = LoyaltyPhaseStore.built(c);
        List<LoyaltyOrderSums.Cut> cuts = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            int phase = phases.get(i);
            cuts.add(
                    built.contains(phase)
                            ? LoyaltyOrderSums.phaseDays(periods.get(i), zone, phase)
                            : LoyaltyOrderSums.zoneDays(periods.get(i), rollup.zone()));
        }
        return cuts;
    }

    /** Whether a customer of the flow entered it (first, not held out) at or after {@code t}. */
    private static boolean enteredSince(Connection c, String flowId, Instant t) throws SQLException {
        try (java.sql.PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM loyalty_flow_members WHERE flow_id = ? AND entered_at >= ?)")) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, t);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static String formula(ReportInterval interval) {
        return "CLV = average order value × purchase frequency × average lifespan (in " + interval.unitName()
                + ": the lifespan in days divided by the length of the period in days)";
    }

    static LoyaltyPeriod figures(
            TimeRange p,
            LoyaltyQuery.Orders orders,
            LoyaltyQuery.Base atStart,
            LoyaltyQuery.Base atEnd,
            NpsReport nps) {
        Double retention =
                atStart.active() == 0 ? null : (double) (atEnd.active() - orders.newCustomers()) / atStart.active();
        Double churn = retention == null ? null : 1 - retention;
        Double repeat = orders.customers() == 0 ? null : (double) orders.repeatCustomers() / orders.customers();
        BigDecimal aov = orders.orders() == 0
                ? null
                : orders.revenue().divide(BigDecimal.valueOf(orders.orders()), 2, RoundingMode.HALF_UP);
        Double frequency = orders.customers() == 0 ? null : (double) orders.orders() / orders.customers();
        Double lifespanDays = atEnd.averageLifespanDays();
        BigDecimal lifetimeValue = null;
        if (aov != null && frequency != null && lifespanDays != null) {
            double periodDays = Duration.between(p.start(), p.end()).toSeconds() / 86_400.0;
            // From the unrounded average order value: rounding twice would drift by cents.
            BigDecimal exactAov =
                    orders.revenue().divide(BigDecimal.valueOf(orders.orders()), 10, RoundingMode.HALF_UP);
            lifetimeValue = exactAov.multiply(BigDecimal.valueOf(frequency * lifespanDays / periodDays))
                    .setScale(2, RoundingMode.HALF_UP);
        }
        return new LoyaltyPeriod(
                p.start(),
                p.end(),
                atStart.active(),
                atEnd.active(),
                orders.newCustomers(),
                retention,
                churn,
                repeat,
                orders.orders(),
                orders.revenue(),
                aov,
                frequency,
                lifespanDays,
                lifetimeValue,
                nps);
    }
}
