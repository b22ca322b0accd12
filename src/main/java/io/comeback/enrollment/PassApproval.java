package io.comeback.enrollment;

import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Whether a detection pass (inactivity, date, segment) enters its matches under an approval, and which. Until the
 * pass has more matches than {@code comeback.approval.threshold} it cannot tell whether it needs one: it collects
 * them first (one past the threshold at most), then enters them all one way. Under an approval each batch waits for
 * it while it is pending; once approved (a marketer may decide while a long pass still runs) the rest enters as
 * usual; once rejected the rest of the pass is neither entered nor recorded (the next pass finds them again and
 * asks anew). One per pass, used by the pass's thread only.
 */
final class PassApproval {

    private static final Logger LOG = Logger.getLogger(PassApproval.class);

    /** Enters one batch, its entries waiting for {@code approvalId} (null: for none). */
    @FunctionalInterface
    interface BatchEntry<T> {
        T enter(Long approvalId) throws Exception;
    }

    private final FlowApprovals approvals;
    private final String flowId;
    private final String pass;
    private final Instant asOf;
    private boolean decided;
    private Long approvalId;
    private boolean stopped;

    /** @param pass what the pass is, for the approval's reason (e.g. {@code date detection pass}) */
    PassApproval(FlowApprovals approvals, String flowId, String pass, Instant asOf) {
        this.approvals = approvals;
        this.flowId = flowId;
        this.pass = pass;
        this.asOf = asOf;
        this.decided = !approvals.enabled();
    }

    /**
     * With this many matches collected: whether it is known yet how the pass enters them, opening the approval when
     * they are more than the threshold.
     */
    boolean decided(int collected) {
        if (!decided && collected > approvals.threshold()) {
            approvalId = approvals.open(
                    flowId,
                    pass + " as of " + asOf + ": more than " + approvals.threshold() + " customers matched at once");
            decided = true;
        }
        return decided;
    }

    /** The approval was rejected while the pass ran: nothing more of it is entered. */
    boolean stopped() {
        return stopped;
    }

    /**
     * In the batch's transaction: enters it under the approval as it stands now (its row shared-locked until the
     * commit, see {@link FlowApprovals#hold}); null without entering anything once the approval is rejected, and
     * from then on the pass is {@link #stopped()}.
     */
    <T> T enter(BatchEntry<T> batch) throws Exception {
        Long waitingFor = approvalId;
        if (waitingFor != null) {
            FlowApprovals.Hold hold = approvals.hold(waitingFor);
            if (hold == FlowApprovals.Hold.STOP) {
                return null;
            }
            waitingFor = hold == FlowApprovals.Hold.WAIT ? waitingFor : null;
        }
        return batch.enter(waitingFor);
    }

    /** After a batch found the approval rejected (its transaction over). */
    void stop() {
        LOG.infof(
                "Approval %d of flow %s was rejected while its pass ran: the rest of the pass is not entered",
                approvalId, flowId);
        stopped = true;
    }

    /** The approval the pass waits for; null when it needed none. */
    Long approvalId() {
        return approvalId;
    }
}
