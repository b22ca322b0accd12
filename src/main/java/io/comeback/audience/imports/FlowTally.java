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
 * @param awaitingApproval of the customers who entered (held out included), those whose entry waits for a
 *                  marketer's approval: the import set more than {@code comeback.approval.threshold} in motion in the
 *                  flow, so their texts are written but not sent until the flow's approval is approved
 */
public record FlowTally(
        long entered, long heldOut, long refused, long signalled, long goalsMet, long awaitingApproval) {

    public static final FlowTally NONE = new FlowTally(0, 0, 0, 0, 0, 0);

    /** What entries and signals did, none of them waiting for approval. */
    public FlowTally(long entered, long heldOut, long refused, long signalled, long goalsMet) {
        this(entered, heldOut, refused, signalled, goalsMet, 0);
    }

    /** The same, with this many of its entries waiting for approval. */
    public FlowTally awaiting(long entries) {
        return new FlowTally(entered, heldOut, refused, signalled, goalsMet, awaitingApproval + entries);
    }

    public FlowTally plus(FlowTally other) {
        return new FlowTally(
                entered + other.entered,
                heldOut + other.heldOut,
                refused + other.refused,
                signalled + other.signalled,
                goalsMet + other.goalsMet,
                awaitingApproval + other.awaitingApproval);
    }

    boolean isEmpty() {
        return equals(NONE);
    }
}
