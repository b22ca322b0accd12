package io.comeback.enrollment;

import io.comeback.engine.run.EnrollmentState;
import java.util.Locale;

/**
 * What {@code enrollments.status} holds: the interpreter's {@link EnrollmentState.Status} in lower case, or one
 * the runtime alone sets: {@code held_out} (kept out of the flow to measure lift, never texted) and
 * {@code failed} (set aside with the error, V142) and {@code rejected} (entered under an approval a marketer
 * rejected, never texted and out of the funnel, V170). SQL text names them by {@link #wire()}.
 */
public enum EnrollmentStatus {
    NEW,
    WAITING_TIMER,
    WAITING_REPLY,
    DEFERRED_SEND,
    DEFERRED_RE_ASK,
    EXITED,
    HELD_OUT,
    FAILED,
    REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EnrollmentStatus of(EnrollmentState.Status status) {
        return valueOf(status.name());
    }
}
