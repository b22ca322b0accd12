package io.comeback.audience.imports;

/**
 * What an import set in motion in one flow.
 *
 * @param entered   customers who entered the flow (its trigger fired and the entry rules let them in)
 * @param heldOut   customers who entered into the holdout group (recorded, never texted)
 * @param refused   customers the trigger fired for whom an entry rule kept out (consent, audience, re-entry…);
 *                  {@code entry_log} has each one's reason
 * @param signalled running enrollments in the flow that were told about an imported order (their goal or a branch
 *                  may look at it)
 * @param goalsMet  of those, enrollments whose goal is an order: they end as converted at their next wake-up
 */
public record FlowTally(long entered, long heldOut, long refused, long signalled, long goalsMet) {

    public static final FlowTally NONE = new FlowTally(0, 0, 0, 0, 0);

    public FlowTally plus(FlowTally other) {
        return new FlowTally(
                entered + other.entered,
                heldOut + other.heldOut,
                refused + other.refused,
                signalled + other.signalled,
                goalsMet + other.goalsMet);
    }

    boolean isEmpty() {
        return equals(NONE);
    }
}
