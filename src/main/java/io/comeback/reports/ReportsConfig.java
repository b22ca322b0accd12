package io.comeback.reports;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.reports.*} (README "Reports"). Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.reports")
public interface ReportsConfig {

    /** A customer is in the customer base while their last order is this recent. */
    Duration activeCustomerWindow();

    /** How often flow report counters are folded: a Quarkus {@code every} expression, read by a {@code @Scheduled}. */
    String foldEvery();

    /** Quartz cron of the loyalty roll-up, or {@code off}: read by its {@code @Scheduled}. */
    String rollupCron();
}
