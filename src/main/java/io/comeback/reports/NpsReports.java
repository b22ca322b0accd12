package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.TimeRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** NPS of the survey answers given in [from, to), of every flow or of one. */
@ApplicationScoped
public class NpsReports {

    private final AgroalDataSource dataSource;

    public NpsReports(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public NpsReport report(Instant from, Instant to, String flowIdOrNull) {
        try (Connection c = dataSource.getConnection()) {
            return NpsQuery.perPeriod(c, List.of(new TimeRange(from, to)), flowIdOrNull)
                    .get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compute NPS", e);
        }
    }
}
