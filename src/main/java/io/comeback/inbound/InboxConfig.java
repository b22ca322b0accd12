package io.comeback.inbound;

import io.smallrye.config.ConfigMapping;

/**
 * {@code comeback.inbox.*}: when people answer texts no flow waits for. The auto-reply that says so is one of the
 * {@link RepliesConfig replies}, in the sender's language. Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.inbox")
public interface InboxConfig {

    BusinessHours businessHours();

    interface BusinessHours {

        /** Zone id of the hours, e.g. {@code Europe/Oslo}. */
        String zone();

        /** Open days, e.g. {@code MON,TUE,WED,THU,FRI}. */
        String days();

        /** Opening time, e.g. {@code 09:00}. */
        String open();

        /** Closing time, e.g. {@code 16:00}. */
        String close();

        /** Closed days: {@code 12-25} every year, {@code 2031-04-18} once; {@code none} for none. */
        String holidays();
    }
}
