package io.comeback.enrollment;

/** What {@link Enrollments#enter} did. Every outcome is also written to {@code entry_log}. */
public sealed interface EntryOutcome {

    String label();

    /** The customer is in the flow; it starts at the enrollment's first wake-up. */
    record Entered(long enrollmentId) implements EntryOutcome {
        public String label() {
            return "entered";
        }
    }

    /** Chosen for the holdout group: recorded as an enrollment that never texts, to measure lift. */
    record HeldOut(long enrollmentId) implements EntryOutcome {
        public String label() {
            return "held_out";
        }
    }

    /** Kept out by a rule; {@code reason} is one of the constants below. */
    record Refused(String reason, String detail) implements EntryOutcome {
        public static final String FLOW_NOT_ACTIVE = "flow_not_active";
        /** A marketer paused the flow: it takes no new entries until resumed. */
        public static final String FLOW_PAUSED = "flow_paused";

        public static final String NO_CUSTOMER = "no_customer";
        public static final String NO_CONSENT = "no_consent";
        public static final String AUDIENCE = "audience";
        public static final String ALREADY_RUNNING = "already_running";
        public static final String RE_ENTRY_NEVER = "re_entry_never";
        public static final String COOL_DOWN = "cool_down";

        public String label() {
            return reason;
        }
    }
}
