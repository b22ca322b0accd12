package io.comeback.web.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether the shop has anything yet, for the pages' empty states: each an EXISTS that stops at the first row. */
@ApplicationScoped
public class ShopActivityStore {

    private final AgroalDataSource dataSource;

    public ShopActivityStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean anyCustomer() {
        return exists("SELECT EXISTS (SELECT 1 FROM customers)");
    }

    public boolean anyOrder() {
        return exists("SELECT EXISTS (SELECT 1 FROM orders)");
    }

    private boolean exists(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + sql, e);
        }
    }
}
