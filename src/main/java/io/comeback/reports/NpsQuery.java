package io.comeback.reports;

import io.comeback.support.TimeRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Promoters (9–10), passives (7–8) and detractors (0–6) per period, in one statement for all periods. */
final class NpsQuery {

    private static final String PER_PERIOD = """
            SELECT p.n, count(r.id) FILTER (WHERE r.score >= 9), count(r.id) FILTER (WHERE r.score BETWEEN 7 AND 8),
                   count(r.id) FILTER (WHERE r.score <= 6)
            FROM unnest(CAST(CAST(? AS text[]) AS timestamptz[]), CAST(CAST(? AS text[]) AS timestamptz[])) WITH ORDINALITY AS p(s, e, n)
            LEFT JOIN survey_responses r ON r.answered_at >= p.s AND r.answered_at < p.e
                 AND (CAST(? AS text) IS NULL OR r.flow_id = ?)
            GROUP BY p.n ORDER BY p.n
            """;

    private NpsQuery() {}

    static List<NpsReport> perPeriod(Connection c, List<TimeRange> periods, String flowIdOrNull) throws SQLException {
        List<NpsReport> reports = new ArrayList<>(periods.size());
        try (PreparedStatement st = c.prepareStatement(PER_PERIOD)) {
            st.setArray(1, Periods.starts(c, periods));
            st.setArray(2, Periods.ends(c, periods));
            st.setString(3, flowIdOrNull);
            st.setString(4, flowIdOrNull);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reports.add(NpsReport.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return reports;
    }
}
