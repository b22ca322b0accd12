package io.comeback.web;

import io.comeback.audience.LanguageReach;
import io.comeback.enrollment.ApprovalConfig;
import io.comeback.enrollment.ApprovalPreview;
import io.comeback.enrollment.FlowApprovals;
import io.comeback.enrollment.FlowQueue;
import io.comeback.flows.FlowCatalog;
import io.comeback.flows.FlowControlStatus;
import io.comeback.flows.FlowControls;
import io.comeback.flows.FlowVersions;
import io.comeback.messaging.HeldTexts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of a flow's control: its status (who paused it, when), what it has queued, and its pending approval.
 * A flow is known while its file is in the catalog or some version of it ever ran: a flow whose file was deleted
 * can still be paused, so its running enrollments stop sending.
 */
@ApplicationScoped
public class FlowControlViews {

    /** @param changedBy null for a flow never paused */
    public record ControlView(String status, String changedBy, Instant changedAt) {
        static ControlView of(FlowControls.Control control) {
            return new ControlView(control.status().wire(), control.changedBy(), control.changedAt());
        }
    }

    /**
     * @param status   {@code invalid} (the file has errors), {@code paused}, {@code active}, or {@code removed} (no file,
     *                 but enrollments of earlier versions may still run)
     * @param approval the pending approval, null when none waits
     * @param languageWarnings languages of the customers who can enter that the flow has no text in (marketing flows)
     */
    public record FlowDetailView(
            String id,
            String file,
            String version,
            String status,
            List<FlowResource.ProblemView> problems,
            ControlView control,
            FlowQueue.Queued queued,
            ApprovalView approval,
            List<LanguageReach.Warning> languageWarnings) {}

    public record ApprovalView(
            long id,
            String flowId,
            String status,
            String reason,
            int threshold,
            Instant createdAt,
            String decidedBy,
            Instant decidedAt) {
        static ApprovalView of(FlowApprovals.Approval a) {
            return new ApprovalView(
                    a.id(),
                    a.flowId(),
                    a.status().wire(),
                    a.reason(),
                    a.threshold(),
                    a.createdAt(),
                    a.decidedBy(),
                    a.decidedAt());
        }
    }

    /** A pending approval with what it would let out (see {@link ApprovalPreview.Preview} for each figure). */
    public record ApprovalPreviewView(
            ApprovalView approval,
            long enrollments,
            long heldOut,
            long texts,
            long unwritten,
            long segments,
            Instant firstAt,
            Instant lastAt,
            List<ApprovalPreview.Recipient> sample) {
        static ApprovalPreviewView of(ApprovalPreview.Preview p) {
            return new ApprovalPreviewView(
                    ApprovalView.of(p.approval()),
                    p.enrollments(),
                    p.heldOut(),
                    p.texts(),
                    p.unwritten(),
                    p.segments(),
                    p.firstAt(),
                    p.lastAt(),
                    p.sample());
        }
    }

    /**
     * @param enrollments the approval's enrollments, now going on (approved) or ended as rejected
     * @param released    approved: texts back to pending (of them due at once) and texts blocked by the gate
     * @param rejectedTexts rejected: texts that will never be sent
     */
    public record DecisionView(
            ApprovalView approval, long enrollments, HeldTexts.Released released, int rejectedTexts) {
        static DecisionView of(FlowApprovals.Decision d) {
            return new DecisionView(ApprovalView.of(d.approval()), d.enrollments(), d.released(), d.rejectedTexts());
        }
    }

    private final FlowCatalog catalog;
    private final FlowVersions versions;
    private final FlowControls controls;
    private final FlowQueue queue;
    private final FlowApprovals approvals;
    private final ApprovalPreview previews;
    private final int sampleSize;
    private final LanguageReach languages;

    public FlowControlViews(
            FlowCatalog catalog,
            FlowVersions versions,
            FlowControls controls,
            FlowQueue queue,
            FlowApprovals approvals,
            ApprovalPreview previews,
            ApprovalConfig config,
            LanguageReach languages) {
        this.languages = languages;
        this.catalog = catalog;
        this.versions = versions;
        this.controls = controls;
        this.queue = queue;
        this.approvals = approvals;
        this.previews = previews;
        this.sampleSize = config.previewSize();
    }

    /** 404 unless the flow is in the catalog or ever ran. */
    void requireKnown(String id) {
        if (catalog.entry(id).isEmpty() && !versions.known(id)) {
            throw ProblemException.notFound("no flow '" + id + "'; GET /api/flows lists them");
        }
    }

    FlowDetailView detail(String id) {
        requireKnown(id);
        Optional<FlowCatalog.Entry> entry = catalog.entry(id);
        FlowControls.Control control = controls.of(id);
        String status;
        if (entry.isPresent() && entry.get().status() == FlowCatalog.Status.INVALID) {
            status = "invalid";
        } else if (control.paused()) {
            status = FlowControlStatus.PAUSED.wire();
        } else {
            status = entry.isEmpty() ? "removed" : FlowControlStatus.ACTIVE.wire();
        }
        return new FlowDetailView(
                id,
                entry.map(FlowCatalog.Entry::file).orElse(null),
                entry.map(FlowCatalog.Entry::version).orElse(null),
                status,
                entry.map(e -> FlowResource.ProblemView.all(e.problems())).orElse(List.of()),
                ControlView.of(control),
                queue.of(id),
                approvals.pending(id).map(ApprovalView::of).orElse(null),
                entry.map(FlowCatalog.Entry::flow).map(languages::warnings).orElse(List.of()));
    }

    /** The catalog's status of a listed flow, paused when a marketer paused it. */
    static String listedStatus(FlowCatalog.Entry entry, java.util.Set<String> paused) {
        if (entry.status() == FlowCatalog.Status.INVALID) {
            return "invalid";
        }
        return (paused.contains(entry.id()) ? FlowControlStatus.PAUSED : FlowControlStatus.ACTIVE).wire();
    }

    java.util.Set<String> pausedFlows() {
        return controls.pausedFlows();
    }

    ApprovalPreviewView pendingApproval(String id) {
        requireKnown(id);
        return previews.pending(id, sampleSize)
                .map(ApprovalPreviewView::of)
                .orElseThrow(() -> ProblemException.notFound(
                        "flow '" + id + "' has no approval waiting; a detection pass that enters more than "
                                + approvals.threshold() + " customers at once asks for one"));
    }

    DecisionView decided(String id, Optional<FlowApprovals.Decision> decision) {
        return decision.map(DecisionView::of)
                .orElseThrow(() -> ProblemException.notFound(
                        "flow '" + id + "' has no approval waiting (it may have been decided already)"));
    }
}
