package io.comeback.enrollment;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The periodic pass that enters customers into {@code date} and {@code segment} flows. Defaults in application.properties. */
@ConfigMapping(prefix = "comeback.triggers")
public interface TriggersConfig {

    Detector detector();

    Date date();

    interface Detector {
        /** Quartz cron of the pass ({@code off} turns it off); read by the job's {@code @Scheduled}. */
        String cron();

        /** Matches entered and recorded per transaction. */
        int batchSize();

        Duration transactionTimeout();
    }

    interface Date {
        /** How late a date missed while the service was down is still honoured. */
        Duration catchUp();
    }
}
