package io.comeback.enrollment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Whether one import's entries into a flow wait for approval, as a detection pass's do ({@link PassApproval}). An
 * import enters by the batch, each in its own transaction, and cannot know how many its file will start in a flow
 * until it has read it. So it counts the customers it entered (held out included), per flow, across its batches and
 * lanes; the batch that takes the count past {@code comeback.approval.threshold} opens the flow's approval (or joins
 * the pending one) and puts its own entries and the import's earlier entries of the flow under it, those that
 * have not written a text yet: at most the threshold's worth of an import ever leaves without approval, and in
 * practice none (the batches of an import follow each other faster than the runtime writes texts, and an order
 * import enters all its orders in one transaction). Once the approval is decided the rest of the import enters as
 * usual (approved) or not at all (rejected). One per import, shared by its lanes.
 */
final class ImportApproval {

    private static final Logger LOG = Logger.getLogger(ImportApproval.class);

    /** Enters a batch, its entries waiting for {@code approvalId} (null: for none). */
    @FunctionalInterface
    interface BatchEntry {
        List<EntryOutcome> enter(Long approvalId) throws SQLException;
    }

    /** What a batch did: its outcomes (empty when the approval was rejected) and how many entries wait for approval. */
    record Entered(List<EntryOutcome> outcomes, long awaitingApproval) {}

    // The import's entries that have not written a text yet wait with the rest (those of the batch at hand have not
    // run at all). An enrollment running a step right now is locked: the statement waits for it first.
    private static final String ATTACH = """
            UPDATE enrollments e SET approval_id = ?
            WHERE e.id = ANY (?) AND e.approval_id IS NULL AND e.exited_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbound_messages m WHERE m.enrollment_id = e.id)
            """;

    private static final class FlowCount {
        long started;
        Long approvalId;
        /** Enrollments the import started before it knew it needs an approval (at most the threshold). */
        List<Long> early = new ArrayList<>();
    }

    private final FlowApprovals approvals;
    private final String what;
    private final Instant startedAt;
    private final Map<String, FlowCount> flows = new HashMap<>();

    ImportApproval(FlowApprovals approvals, String what, Instant startedAt) {
        this.approvals = approvals;
        this.what = what;
        this.startedAt = startedAt;
    }

    /**
     * Enters a batch of customers of one flow, in the batch's transaction on {@code c}: under the flow's approval once
     * the import has one, else as usual, then under the approval after all when the batch takes the import's entries
     * of the flow past the threshold (the batch's own entries are not committed yet, so none of them has run).
     */
    Entered enter(Connection c, String flowId, BatchEntry batch) throws SQLException {
        Long approvalId;
        synchronized (this) {
            approvalId = flows.computeIfAbsent(flowId, f -> new FlowCount()).approvalId;
        }
        ApprovalStatus status = approvalId == null ? null : status(c, approvalId);
        if (status == ApprovalStatus.REJECTED) {
            LOG.infof(
                    "Approval %d of flow %s was rejected during the %s: the rest is not entered",
                    approvalId, flowId, what);
            return new Entered(List.of(), 0);
        }
        Long waitingFor = status == ApprovalStatus.PENDING ? approvalId : null;
        List<EntryOutcome> outcomes = batch.enter(waitingFor);
        List<Long> started = started(outcomes);
        if (approvalId != null) {
            return new Entered(outcomes, waitingFor == null ? 0 : started.size());
        }
        List<Long> toWait;
        Long opened;
        synchronized (this) {
            FlowCount count = flows.get(flowId);
            if (count.approvalId != null) {
                // Another lane's batch opened the approval while this one entered: these wait with the rest.
                toWait = started;
            } else {
                count.started += started.size();
                if (approvals.enabled() && count.started > approvals.threshold()) {
                    count.approvalId = approvals.open(
                            flowId,
                            what + " of " + startedAt + ": more than " + approvals.threshold()
                                    + " customers set in motion at once");
                    toWait = new ArrayList<>(count.early);
                    toWait.addAll(started);
                    count.early = new ArrayList<>();
                } else {
                    count.early.addAll(started);
                    toWait = List.of();
                }
            }
            opened = count.approvalId;
        }
        long waiting = toWait.isEmpty() || status(c, opened) != ApprovalStatus.PENDING ? 0 : attach(c, opened, toWait);
        return new Entered(outcomes, waiting);
    }

    /**
     * The approval's status, its row shared-locked until the batch commits: a decision waits for the batch and then
     * sees all of it ({@link FlowApprovals#hold}).
     */
    private static ApprovalStatus status(Connection c, long approvalId) throws SQLException {
        return ApprovalStore.statusForShare(c, approvalId).orElse(ApprovalStatus.REJECTED);
    }

    private static long attach(Connection c, long approvalId, List<Long> enrollmentIds) throws SQLException {
        if (enrollmentIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement st = c.prepareStatement(ATTACH)) {
            st.setLong(1, approvalId);
            st.setArray(2, c.createArrayOf("bigint", enrollmentIds.toArray()));
            return st.executeUpdate();
        }
    }

    private static List<Long> started(List<EntryOutcome> outcomes) {
        List<Long> ids = new ArrayList<>();
        for (EntryOutcome outcome : outcomes) {
            if (outcome instanceof EntryOutcome.Entered e) {
                ids.add(e.enrollmentId());
            } else if (outcome instanceof EntryOutcome.HeldOut h) {
                ids.add(h.enrollmentId());
            }
        }
        return ids;
    }
}
