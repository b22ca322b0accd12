package io.comeback.web;

import io.comeback.testing.DatabaseProxy;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service reaches PostgreSQL through a {@link DatabaseProxy} the test can cut. A small pool, so after the
 * outage the few broken pooled connections are soon found and replaced; background loops off, so only the
 * test's requests use the database.
 */
public class DatabaseOutageProfile implements QuarkusTestProfile {

    static final int POOL_SIZE = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", DatabaseProxy.proxiedJdbcUrl(),
                "quarkus.datasource.jdbc.max-size", String.valueOf(POOL_SIZE),
                "quarkus.datasource.jdbc.acquisition-timeout", "PT0.5S",
                "comeback.runtime.enabled", "false",
                "comeback.reports.fold-every", "off",
                // Every scrape reads the gauges afresh (DatabaseOutageTest watches comeback_database_up).
                "comeback.metrics.queue-gauges.max-age", "PT0S");
    }
}
