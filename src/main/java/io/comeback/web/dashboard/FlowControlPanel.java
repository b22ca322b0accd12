package io.comeback.web.dashboard;

import io.comeback.enrollment.ApprovalPreview;
import io.comeback.enrollment.FlowApprovals;
import io.comeback.enrollment.FlowQueue;
import io.comeback.flows.FlowControls;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** A flow's control as its page shows it: paused or not, what is queued and why, and the approval waiting. */
@ApplicationScoped
public class FlowControlPanel {

    /** Figures as shown; {@code nextAt} is when the next pending text may leave. */
    @TemplateData
    public record QueuedView(String pending, String deferred, String nextAt, String held, String awaitingApproval,
                             String enrollmentsHeld, String enrollmentsAwaitingApproval, boolean nothing) {
    }

    @TemplateData
    public record ControlView(boolean paused, String changedBy, String changedAt) {
    }

    @TemplateData
    public record RecipientRow(String customerId, String reason, String step, String text, String segments, String at) {
    }

    @TemplateData
    public record ApprovalView(long id, String reason, String createdAt, String enrollments, String heldOut, String texts,
                               String unwritten, String segments, String firstAt, String lastAt, List<RecipientRow> sample, int shown) {
    }

    @TemplateData
    public record Model(ControlView control, QueuedView queued, ApprovalView approval, int threshold) {
    }

    private final FlowControls controls;
    private final FlowQueue queue;
    private final ApprovalPreview previews;
    private final FlowApprovals approvals;
    private final Formats formats;
    private final int sampleSize;

    public FlowControlPanel(FlowControls controls, FlowQueue queue, ApprovalPreview previews, FlowApprovals approvals,
                            Formats formats,
                            @ConfigProperty(name = "comeback.approval.preview-size", defaultValue = "20") int sampleSize) {
        this.controls = controls;
        this.queue = queue;
        this.previews = previews;
        this.approvals = approvals;
        this.formats = formats;
        this.sampleSize = sampleSize;
    }

    public Model of(String flowId) {
        FlowControls.Control control = controls.of(flowId);
        FlowQueue.Queued q = queue.of(flowId);
        QueuedView queued = new QueuedView(Formats.count(q.pending()), Formats.count(q.deferred()), formats.time(q.nextAt()),
                Formats.count(q.held()), Formats.count(q.awaitingApproval()), Formats.count(q.enrollmentsHeld()),
                Formats.count(q.enrollmentsAwaitingApproval()),
                q.pending() + q.deferred() + q.held() + q.awaitingApproval() + q.enrollmentsHeld()
                        + q.enrollmentsAwaitingApproval() == 0);
        ApprovalView approval = previews.pending(flowId, sampleSize).map(this::approval).orElse(null);
        return new Model(new ControlView(control.paused(), control.changedBy() == null ? Formats.NONE : control.changedBy(),
                formats.time(control.changedAt())), queued, approval, approvals.threshold());
    }

    private ApprovalView approval(ApprovalPreview.Preview p) {
        List<RecipientRow> sample = p.sample().stream().map(r -> new RecipientRow(r.customerId(),
                r.reason() == null ? Formats.NONE : r.reason(), r.step() == null ? Formats.NONE : r.step(),
                r.text() == null ? (r.status().equals("held_out") ? "held out: gets no text"
                        : r.status().equals("deferred_send") ? "text held back for quiet hours, written when it wakes"
                        : "no text written yet") : r.text(),
                r.segments() == null ? Formats.NONE : String.valueOf(r.segments()), formats.time(r.at()))).toList();
        return new ApprovalView(p.approval().id(), p.approval().reason(), formats.time(p.approval().createdAt()),
                Formats.count(p.enrollments()), Formats.count(p.heldOut()), Formats.count(p.texts()),
                Formats.count(p.unwritten()), Formats.count(p.segments()), formats.time(p.firstAt()), formats.time(p.lastAt()), sample, sample.size());
    }
}
