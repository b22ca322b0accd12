package io.comeback.messaging;

/** What became of one claimed row: an outcome to record on it, or a deferral past quiet hours (nothing sent). */
sealed interface HandOverResult {

    record Recorded(DispatchOutcome outcome) implements HandOverResult {}

    record Deferred(QuietHoursDeferrals.Deferral deferral) implements HandOverResult {}
}
