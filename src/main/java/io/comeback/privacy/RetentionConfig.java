package io.comeback.privacy;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.retention.*} (README "What is kept, and for how long"). Each period counts from when the row was
 * written. Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.retention")
public interface RetentionConfig {

    /** Bodies of texts sent (a text not yet handed over keeps its body). */
    Duration messageBodies();

    /** The words of texts received. */
    Duration inboundTexts();

    /** The provider's raw webhooks (inbound texts and status callbacks). */
    Duration rawWebhooks();

    /** Properties of engagement events (their type and time stay). */
    Duration eventProperties();

    /** Quartz cron of the clustered run, or {@code off}: read by its {@code @Scheduled}. */
    String cron();

    /** Rows changed per transaction. */
    int batchSize();
}
