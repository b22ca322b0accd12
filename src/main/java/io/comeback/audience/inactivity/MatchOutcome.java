package io.comeback.audience.inactivity;

/** What enrollment made of a match; stored with it in {@code detector_matches}. */
public enum MatchOutcome {
    /** Now in the flow. */
    ENTERED("entered"),
    /** Kept out by the flow's holdout share: counted for lift, never texted. Counts as entered for re-entry. */
    HELD_OUT("held_out"),
    /** Turned away by the entry rules (audience filter, already in the flow): may match again on the next run. */
    REFUSED("refused"),
    /** No flow runtime is wired ({@link RecordOnlyEnrollment}): the match is only recorded. Counts as entered for re-entry. */
    RECORDED("recorded");

    public final String wire;

    MatchOutcome(String wire) {
        this.wire = wire;
    }
}
