package io.comeback.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A service on a database of its own, created empty for this profile on the test's PostgreSQL (Flyway migrates it at
 * start), and an empty flows folder: what a shop sees on its first day, whatever the other tests stored. The database
 * is dropped when the JVM ends.
 */
public class FreshDatabaseProfile implements QuarkusTestProfile {

    // Quarkus builds the profile in two class loaders; the property makes both use the one database.
    private static final String PROPERTY = "comeback.test.fresh-database.url";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(
                FlowFolders.withRuntimeOff(FlowFolders.shared("comeback.test.fresh-flows", "fresh-flows", dir -> {})));
        overrides.put("quarkus.datasource.jdbc.url", freshDatabase());
        overrides.put("comeback.reports.fold-every", "off");
        return overrides;
    }

    private static synchronized String freshDatabase() {
        String known = System.getProperty(PROPERTY);
        if (known != null) {
            return known;
        }
        String base = env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/comeback");
        String user = env("QUARKUS_DATASOURCE_USERNAME", "comeback");
        String password = env("QUARKUS_DATASOURCE_PASSWORD", "comeback");
        URI uri = URI.create(base.substring("jdbc:".length()));
        String name = "comeback_fresh_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        String url = "jdbc:postgresql://" + uri.getRawAuthority() + "/" + name
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        run(base, user, password, "CREATE DATABASE " + name);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> run(base, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        System.setProperty(PROPERTY, url);
        return url;
    }

    private static void run(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
