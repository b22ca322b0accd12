package io.comeback.jobs;

import io.smallrye.config.ConfigMapping;

/** {@code comeback.rfm.*}. The default is in application.properties. */
@ConfigMapping(prefix = "comeback.rfm")
public interface RfmConfig {

    /** Quartz cron on which the RFM cut points are taken again, or {@code off}: read by {@link RfmJob}. */
    String cron();
}
