package io.comeback.reports;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Folds the deltas the triggers of migration V90 append (flow_count_deltas) into the day counters, in one
 * statement. Reports add the deltas not folded yet, so folding changes no figure: it keeps the table a report
 * scans small.
 */
@ApplicationScoped
public class FlowCountsFolder {

    private final AgroalDataSource dataSource;

    public FlowCountsFolder(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the number of deltas folded */
    public long fold() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT comeback_fold_flow_counts()");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fold the flow counters", e);
        }
    }
}
