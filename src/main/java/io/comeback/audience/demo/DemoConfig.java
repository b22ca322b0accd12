package io.comeback.audience.demo;

import io.smallrye.config.ConfigMapping;

/**
 * {@code comeback.demo.*}: the demo audience loaded at start into an empty database. Defaults are in
 * application.properties.
 */
@ConfigMapping(prefix = "comeback.demo")
public interface DemoConfig {

    boolean enabled();

    /** Customers in the demo audience. */
    int customers();
}
