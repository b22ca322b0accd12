package io.comeback.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.TimeRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The check the loyalty agreement tests share: every period of a report (and its total) against the same
 * figures computed from the raw orders by {@link LoyaltyQuery}, whichever kept figures the report read.
 */
final class LoyaltyAgreement {

    private LoyaltyAgreement() {}

    static void assertReportAgreesWithOrders(
            LoyaltyReports reports,
            AgroalDataSource dataSource,
            Instant from,
            Instant to,
            ReportInterval interval,
            String flow,
            ZoneId zone)
            throws SQLException {
        LoyaltyReport report = reports.report(from, to, interval, flow, zone);
        List<TimeRange> periods = new ArrayList<>(Periods.split(from, to, interval, zone));
        periods.add(new TimeRange(from, to));
        List<LoyaltyPeriod> figures = new ArrayList<>(report.periods());
        figures.add(report.total());
        List<Instant> boundaries = new ArrayList<>();
        periods.forEach(p -> {
            boundaries.add(p.start());
            boundaries.add(p.end());
        });
        try (Connection c = dataSource.getConnection()) {
            LoyaltyQuery.Orders[] raw = LoyaltyQuery.orders(c, periods, flow, to);
            Map<Instant, LoyaltyQuery.Base> base = LoyaltyQuery.base(c, boundaries, reports.activeWindow(), flow, to);
            for (int i = 0; i < periods.size(); i++) {
                LoyaltyPeriod f = figures.get(i);
                String what = (flow == null ? "" : flow + " ") + interval + " " + zone + " " + periods.get(i);
                assertThat(f.start()).isEqualTo(periods.get(i).start());
                assertThat(f.orders()).as("orders " + what).isEqualTo(raw[i].orders());
                assertThat(f.revenue()).as("revenue " + what).isEqualByComparingTo(raw[i].revenue());
                assertThat(f.newCustomers()).as("new " + what).isEqualTo(raw[i].newCustomers());
                Double frequency = raw[i].customers() == 0 ? null : (double) raw[i].orders() / raw[i].customers();
                Double repeat = raw[i].customers() == 0 ? null : (double) raw[i].repeatCustomers() / raw[i].customers();
                assertThat(f.purchaseFrequency()).as("frequency " + what).isEqualTo(frequency);
                assertThat(f.repeatPurchaseRate()).as("repeat " + what).isEqualTo(repeat);
                LoyaltyQuery.Base atStart = base.get(periods.get(i).start());
                LoyaltyQuery.Base atEnd = base.get(periods.get(i).end());
                assertThat(f.customersAtStart()).as("base at start " + what).isEqualTo(atStart.active());
                assertThat(f.customersAtEnd()).as("base at end " + what).isEqualTo(atEnd.active());
                if (atEnd.averageLifespanDays() == null) {
                    assertThat(f.averageLifespanDays()).as("lifespan " + what).isNull();
                } else {
                    assertThat(f.averageLifespanDays())
                            .as("lifespan " + what)
                            .isCloseTo(atEnd.averageLifespanDays(), within(1e-9));
                }
            }
        }
    }
}
