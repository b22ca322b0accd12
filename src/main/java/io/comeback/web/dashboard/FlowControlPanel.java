package io.comeback.web.dashboard;

import io.comeback.enrollment.ApprovalConfig;
import io.comeback.enrollment.ApprovalPreview;
import io.comeback.enrollment.EnrollmentStatus;
import io.comeback.enrollment.FlowApprovals;
import io.comeback.enrollment.FlowPause;
import io.comeback.enrollment.FlowQueue;
import io.comeback.flows.FlowControls;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow's control as its page shows it: paused or not, what is queued and why, and the approval waiting; and what
 * its forms do (pause, resume, decide the approval), each answered with the {@code done} its notice is shown by.
 */
@ApplicationScoped
public class FlowControlPanel {

    /** Figures as shown; {@code nextAt} is when the next pending text may leave. */
    @TemplateData
    public record QueuedView(
            String pending,
            String deferred,
            String nextAt,
            String held,
            String awaitingApproval,
            String enrollmentsHeld,
            String enrollmentsAwaitingApproval,
            boolean nothing) {}

    @TemplateData
    public record ControlView(boolean paused, String changedBy, String changedAt) {}

    @TemplateData
    public record RecipientRow(
            String customerId, String reason, String step, String text, String segments, String at) {}

    @TemplateData
    public record ApprovalView(
            long id,
            String reason,
            String createdAt,
            String enrollments,
            String heldOut,
            String texts,
            String unwritten,
            String segments,
            String firstAt,
            String lastAt,
            List<RecipientRow> sample,
            int shown) {}

    @TemplateData
    public record Model(ControlView control, QueuedView queued, ApprovalView approval, int threshold) {}

    /** The notice after a form, by the {@code done} it redirected with. */
    private static final Map<String, String> DONE = Map.of(
            "paused", "Paused. Nothing of this flow leaves until it is resumed.",
            "resumed", "Resumed. What the flow held is released, through quiet hours, caps and pacing.",
            "approved", "Approved. The texts are released, through quiet hours, caps and pacing.",
            "rejected", "Rejected. None of those texts will be sent, and those enrollments have ended.",
            "undecided",
                    "Nothing was decided: that approval is no longer waiting (someone decided it, or a newer one is shown).");

    private final FlowControls controls;
    private final FlowPause pause;
    private final FlowQueue queue;
    private final ApprovalPreview previews;
    private final FlowApprovals approvals;
    private final Formats formats;
    private final int sampleSize;

    public FlowControlPanel(
            FlowControls controls,
            FlowPause pause,
            FlowQueue queue,
            ApprovalPreview previews,
            FlowApprovals approvals,
            Formats formats,
            ApprovalConfig config) {
        this.controls = controls;
        this.pause = pause;
        this.queue = queue;
        this.previews = previews;
        this.approvals = approvals;
        this.formats = formats;
        this.sampleSize = config.previewSize();
    }

    /** The notice for the {@code done} a form redirected with; null for none (or one this page does not know). */
    static String notice(String done) {
        return done == null ? null : DONE.get(done);
    }

    /** Pauses the flow for every replica: no new entries, its due texts and wake-ups wait. */
    String pause(String flowId, String by) {
        pause.pause(flowId, by);
        return "paused";
    }

    String resume(String flowId, String by) {
        pause.resume(flowId, by);
        return "resumed";
    }

    /**
     * Approves or rejects the approval the page showed ({@code shownId}): a form left open while a newer approval
     * was opened, or one decided meanwhile, decides nothing.
     */
    String decide(String flowId, boolean approve, Long shownId, String by) {
        Optional<FlowApprovals.Approval> pending = approvals.pending(flowId);
        if (pending.isEmpty() || shownId == null || pending.get().id() != shownId) {
            return "undecided";
        }
        Optional<FlowApprovals.Decision> decided =
                approve ? approvals.approve(flowId, by) : approvals.reject(flowId, by);
        return decided.isEmpty() ? "undecided" : approve ? "approved" : "rejected";
    }

    public Model of(String flowId) {
        FlowControls.Control control = controls.of(flowId);
        FlowQueue.Queued q = queue.of(flowId);
        QueuedView queued = new QueuedView(
                Formats.count(q.pending()),
                Formats.count(q.deferred()),
                formats.time(q.nextAt()),
                Formats.count(q.held()),
                Formats.count(q.awaitingApproval()),
                Formats.count(q.enrollmentsHeld()),
                Formats.count(q.enrollmentsAwaitingApproval()),
                q.pending()
                                + q.deferred()
                                + q.held()
                                + q.awaitingApproval()
                                + q.enrollmentsHeld()
                                + q.enrollmentsAwaitingApproval()
                        == 0);
        ApprovalView approval =
                previews.pending(flowId, sampleSize).map(this::approval).orElse(null);
        return new Model(
                new ControlView(
                        control.paused(),
                        control.changedBy() == null ? Formats.NONE : control.changedBy(),
                        formats.time(control.changedAt())),
                queued,
                approval,
                approvals.threshold());
    }

    private ApprovalView approval(ApprovalPreview.Preview p) {
        List<RecipientRow> sample = p.sample().stream()
                .map(r -> new RecipientRow(
                        r.customerId(),
                        r.reason() == null ? Formats.NONE : r.reason(),
                        r.step() == null ? Formats.NONE : r.step(),
                        r.text() == null
                                ? (EnrollmentStatus.HELD_OUT.wire().equals(r.status())
                                        ? "held out: gets no text"
                                        : EnrollmentStatus.DEFERRED_SEND.wire().equals(r.status())
                                                ? "text held back for quiet hours, written when it wakes"
                                                : "no text written yet")
                                : r.text(),
                        r.segments() == null ? Formats.NONE : String.valueOf(r.segments()),
                        formats.time(r.at())))
                .toList();
        return new ApprovalView(
                p.approval().id(),
                p.approval().reason(),
                formats.time(p.approval().createdAt()),
                Formats.count(p.enrollments()),
                Formats.count(p.heldOut()),
                Formats.count(p.texts()),
                Formats.count(p.unwritten()),
                Formats.count(p.segments()),
                formats.time(p.firstAt()),
                formats.time(p.lastAt()),
                sample,
                sample.size());
    }
}
