package io.comeback.enrollment;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.ReEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** The flow's {@code re_entry} rule against the customer's earlier enrollments in it. */
final class ReEntryCheck {

    /** Earlier enrollments (held-out ones count: they "entered" for the flow's statistics). */
    record History(int entries, Instant lastEnteredAt, boolean running) {
        static final History NONE = new History(0, null, false);
    }

    private ReEntryCheck() {}

    static Optional<EntryOutcome.Refused> refuse(Flow flow, History history, Instant now, ZoneId zone) {
        if (history.running()) {
            return Optional.of(new EntryOutcome.Refused(
                    EntryOutcome.Refused.ALREADY_RUNNING, "the customer is still in this flow"));
        }
        if (history.entries() == 0) {
            return Optional.empty();
        }
        ReEntry rule = flow.entry().reEntry();
        if (rule instanceof ReEntry.Never) {
            return Optional.of(new EntryOutcome.Refused(
                    EntryOutcome.Refused.RE_ENTRY_NEVER, "re_entry is never and the customer entered before"));
        }
        if (rule instanceof ReEntry.Cooldown cooldown) {
            Instant allowedFrom = cooldown.cooldown().addTo(history.lastEnteredAt(), zone);
            if (now.isBefore(allowedFrom)) {
                return Optional.of(new EntryOutcome.Refused(
                        EntryOutcome.Refused.COOL_DOWN,
                        "entered " + history.lastEnteredAt() + "; cool-down " + cooldown.cooldown() + " ends "
                                + allowedFrom));
            }
        }
        return Optional.empty();
    }
}
