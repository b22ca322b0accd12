package io.comeback.support;

import org.jboss.logging.MDC;

/**
 * The ids a log line is about, in the logging context (MDC): the JSON log of production carries them as fields
 * ({@code enrollmentId}, {@code flowId}, {@code messageId}) on every line written while they are set, so one
 * enrollment's or text's lines can be found together. Set around the work on one row; always cleared after it.
 */
public final class LogContext {

    public static final String ENROLLMENT_ID = "enrollmentId";
    public static final String FLOW_ID = "flowId";
    public static final String MESSAGE_ID = "messageId";

    private LogContext() {}

    public static void enrollment(long enrollmentId, String flowId) {
        MDC.put(ENROLLMENT_ID, enrollmentId);
        if (flowId != null) {
            MDC.put(FLOW_ID, flowId);
        }
    }

    public static void clear() {
        MDC.remove(ENROLLMENT_ID);
        MDC.remove(FLOW_ID);
        MDC.remove(MESSAGE_ID);
    }
}
