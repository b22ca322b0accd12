package io.comeback.audience.inactivity;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;

/**
 * {@code comeback.inactivity.*}: lapsed-customer detection for {@code inactive} flows and the audience preview.
 * Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.inactivity")
public interface InactivityConfig {

    /** Event types that show a customer is engaged. */
    List<String> engagementTypes();

    /** Event types that answer a marketing text, ending the customer's unanswered streak. */
    List<String> answerTypes();

    /**
     * The shortest personal-rhythm window of an {@code inactive} trigger: a customer whose median gap between
     * purchase days × {@code rhythm_factor} is shorter is lapsed only this long after their last order.
     */
    Duration rhythmFloor();

    Preview preview();

    Detector detector();

    interface Preview {

        /** Customers listed in an audience preview. */
        int sampleSize();
    }

    interface Detector {

        /** Quartz cron of the detector, or {@code off}: read by its {@code @Scheduled}. */
        String cron();

        /** Matches entered per transaction. */
        int batchSize();

        /** Timeout of each such transaction. */
        Duration transactionTimeout();
    }
}
