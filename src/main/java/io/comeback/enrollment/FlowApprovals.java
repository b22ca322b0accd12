package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.HeldTexts;
import io.comeback.support.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Bursts nobody approved do not leave. A detection pass that would enter more customers of a flow than
 * {@code comeback.approval.threshold} at once opens an approval (or joins the flow's pending one): its
 * enrollments run and write their texts as {@code awaiting_approval}, then wait, until a marketer approves
 * (the texts are released through the compliance gate, the enrollments go on) or rejects (the texts are
 * blocked with reason {@code rejected}, the enrollments end as {@code rejected}: never sent, and out of the
 * funnel). The preview ({@link ApprovalPreview}) says how many, to whom and why, when, and how many segments.
 */
@ApplicationScoped
public class FlowApprovals {

    private static final Logger LOG = Logger.getLogger(FlowApprovals.class);

    public record Approval(
            long id,
            String flowId,
            ApprovalStatus status,
            String reason,
            int threshold,
            Instant createdAt,
            String decidedBy,
            Instant decidedAt) {}

    /** What a decision did. */
    public record Decision(Approval approval, long enrollments, HeldTexts.Released released, int rejectedTexts) {}

    /** Where a detection pass stands with its approval at the start of one of its batches. */
    public enum Hold {
        WAIT,
        GO,
        STOP
    }

    private final AgroalDataSource dataSource;
    private final HeldTexts held;
    private final WakeUpWorkers workers;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final int threshold;

    public FlowApprovals(
            AgroalDataSource dataSource,
            HeldTexts held,
            WakeUpWorkers workers,
            Dispatcher dispatcher,
            Clock clock,
            ApprovalConfig config) {
        this.dataSource = dataSource;
        this.held = held;
        this.workers = workers;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.threshold = config.threshold();
    }

    /** Entries of one pass above this many wait for approval; 0 or less: never. */
    public int threshold() {
        return threshold;
    }

    public boolean enabled() {
        return threshold > 0;
    }

    /** The flow's pending approval, opened with this reason unless it has one already; its id. Its own transaction. */
    public long open(String flowId, String reason) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            OptionalLong opened = ApprovalStore.open(c, flowId, reason, threshold, now);
            if (opened.isPresent()) {
                LOG.infof("Flow %s waits for approval %d: %s", flowId, opened.getAsLong(), reason);
                return opened.getAsLong();
            }
            return ApprovalStore.pending(c, flowId)
                    .orElseThrow(() -> new IllegalStateException(
                            "flow " + flowId + " has no pending approval and none could be opened"))
                    .id();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open an approval for flow " + flowId, e);
        }
    }

    /**
     * Where a pass stands with its approval, read in the caller's transaction with the approval row shared-locked
     * until it commits, so a decision waits for the batch being entered and then sees all of it.
     */
    public Hold hold(long approvalId) {
        try (Connection c = dataSource.getConnection()) {
            ApprovalStatus status = ApprovalStore.statusForShare(c, approvalId).orElse(ApprovalStatus.REJECTED);
            return switch (status) {
                case PENDING -> Hold.WAIT;
                case APPROVED -> Hold.GO;
                case REJECTED -> Hold.STOP;
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read approval " + approvalId, e);
        }
    }

    public Optional<Approval> pending(String flowId) {
        try (Connection c = dataSource.getConnection()) {
            return ApprovalStore.pending(c, flowId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the pending approval of flow " + flowId, e);
        }
    }

    /** Approves the flow's pending approval: its texts are released, its enrollments go on. Empty when none is pending. */
    public Optional<Decision> approve(String flowId, String by) {
        return decide(flowId, by, true);
    }

    /** Rejects the flow's pending approval: its texts are never sent, its enrollments end. Empty when none is pending. */
    public Optional<Decision> reject(String flowId, String by) {
        return decide(flowId, by, false);
    }

    private Optional<Decision> decide(String flowId, String by, boolean approve) {
        Instant now = clock.instant();
        Optional<Decision> made = Transactions.call(
                dataSource,
                "Could not decide the approval of flow " + flowId,
                c -> decideIn(c, flowId, by, approve, now));
        if (made.isEmpty()) {
            return made;
        }
        Decision decision = made.get();
        LOG.infof(
                "Approval %d of flow %s %s by %s: %d enrollments, %s",
                decision.approval().id(),
                flowId,
                decision.approval().status().wire(),
                by,
                decision.enrollments(),
                approve ? decision.released() : decision.rejectedTexts() + " texts rejected");
        workers.nudge();
        dispatcher.nudge();
        return Optional.of(decision);
    }

    private Optional<Decision> decideIn(Connection c, String flowId, String by, boolean approve, Instant now)
            throws SQLException {
        Optional<Approval> pending = ApprovalStore.pending(c, flowId);
        if (pending.isEmpty()) {
            c.rollback();
            return Optional.empty();
        }
        Approval decided = ApprovalStore.mark(
                c, pending.get().id(), approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED, by, now);
        if (decided == null) {
            // Decided by someone else meanwhile.
            c.rollback();
            return Optional.empty();
        }
        return Optional.of(approve ? approveIn(c, decided, now) : rejectIn(c, decided, now));
    }

    private Decision approveIn(Connection c, Approval approval, Instant now) throws SQLException {
        long enrollments = ApprovalStore.resumeEnrollments(c, approval.id());
        HeldTexts.Released released = held.releaseApproval(c, approval.id(), now);
        ApprovalStore.forgetApproval(c, approval.id());
        return new Decision(approval, enrollments, released, 0);
    }

    private Decision rejectIn(Connection c, Approval approval, Instant now) throws SQLException {
        long enrollments = ApprovalStore.rejectEnrollments(c, approval.id(), now);
        int texts = held.reject(c, approval.id(), now);
        return new Decision(approval, enrollments, HeldTexts.Released.NONE, texts);
    }
}
