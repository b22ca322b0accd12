package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.money.ExchangeRates;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ReferralReport}: one query over the referrals of the period, each referred customer's orders summed once. */
@ApplicationScoped
public class ReferralReports {

    private static final String REFERRALS = """
            SELECT r.referrer_id, referrer.external_id, rc.code, referred.external_id, r.referred_at, r.converted_at,
                   coalesce(o.orders, 0), coalesce(o.revenue, 0)
            FROM referrals r
            JOIN customers referrer ON referrer.id = r.referrer_id
            JOIN customers referred ON referred.id = r.referred_id
            LEFT JOIN referral_codes rc ON rc.customer_id = r.referrer_id
            LEFT JOIN LATERAL (SELECT count(*) AS orders, sum(total) AS revenue FROM orders
                               WHERE customer_id = r.referred_id) o ON true
            WHERE r.referred_at >= coalesce(CAST(? AS timestamptz), '-infinity')
              AND r.referred_at < coalesce(CAST(? AS timestamptz), 'infinity')
            ORDER BY r.referrer_id, r.referred_at, r.referred_id""";

    private final AgroalDataSource dataSource;

    private final ExchangeRates rates;

    public ReferralReports(AgroalDataSource dataSource, ExchangeRates rates) {
        this.dataSource = dataSource;
        this.rates = rates;
    }

    private record Row(long referrerId, String referrer, String code, ReferralReport.Referred referred) {}

    /** Referrals made in [from, to); a null bound is open. */
    public ReferralReport report(Instant from, Instant to) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(REFERRALS)) {
            Jdbc.setInstant(st, 1, from);
            Jdbc.setInstant(st, 2, to);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            new ReferralReport.Referred(
                                    rs.getString(4),
                                    Jdbc.getInstant(rs, 5),
                                    Jdbc.getInstant(rs, 6),
                                    rs.getLong(7),
                                    rs.getBigDecimal(8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute the referral report", e);
        }
        return group(from, to, rows);
    }

    private ReferralReport group(Instant from, Instant to, List<Row> rows) {
        Map<Long, List<Row>> byReferrer = new LinkedHashMap<>();
        rows.forEach(r -> byReferrer
                .computeIfAbsent(r.referrerId(), k -> new ArrayList<>())
                .add(r));
        List<ReferralReport.Referrer> referrers = new ArrayList<>();
        for (List<Row> theirs : byReferrer.values()) {
            List<ReferralReport.Referred> customers =
                    theirs.stream().map(Row::referred).toList();
            referrers.add(new ReferralReport.Referrer(
                    theirs.get(0).referrer(),
                    theirs.get(0).code(),
                    customers.size(),
                    customers.stream().filter(r -> r.convertedAt() != null).count(),
                    customers.stream()
                            .mapToLong(ReferralReport.Referred::orders)
                            .sum(),
                    customers.stream().map(ReferralReport.Referred::revenue).reduce(BigDecimal.ZERO, BigDecimal::add),
                    customers));
        }
        referrers.sort(Comparator.comparing(ReferralReport.Referrer::revenue)
                .thenComparingLong(ReferralReport.Referrer::referred)
                .reversed());
        ReferralReport.Totals totals = new ReferralReport.Totals(
                referrers.size(),
                rows.size(),
                referrers.stream().mapToLong(ReferralReport.Referrer::converted).sum(),
                referrers.stream().mapToLong(ReferralReport.Referrer::orders).sum(),
                referrers.stream().map(ReferralReport.Referrer::revenue).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new ReferralReport(from, to, totals, referrers, rates.currency());
    }
}
