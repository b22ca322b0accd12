package io.comeback.web;

import io.comeback.engine.model.Campaign;
import io.comeback.enrollment.CampaignDecisions;
import io.comeback.enrollment.CampaignProgress;
import io.comeback.enrollment.CampaignSources;
import io.comeback.flows.CampaignStore;
import io.comeback.reports.FlowReport;
import io.comeback.reports.FlowReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A campaign as the API shows it: its state, its counts and, once started, its flow's report (the same funnel,
 * revenue and lift as any flow's, over the campaign's life so far) and the A/B test's result per variant.
 */
@ApplicationScoped
public class CampaignViews {

    public record Counts(
            long audience,
            long heldOut,
            long queued,
            long sent,
            long delivered,
            long clicked,
            long converted,
            BigDecimal revenue) {}

    public record CampaignView(
            String id,
            String name,
            String state,
            String flowId,
            String changedBy,
            Instant changedAt,
            Instant startedAt,
            Instant firstSendAt,
            Instant lastSendAt,
            Instant decideAt,
            String winner,
            Instant decidedAt,
            List<CampaignDecisions.VariantResult> variants,
            Counts counts,
            FlowReport report) {}

    private final CampaignSources sources;
    private final CampaignProgress progress;
    private final CampaignDecisions decisions;
    private final FlowReports reports;
    private final Clock clock;

    public CampaignViews(
            CampaignSources sources,
            CampaignProgress progress,
            CampaignDecisions decisions,
            FlowReports reports,
            Clock clock) {
        this.sources = sources;
        this.progress = progress;
        this.decisions = decisions;
        this.reports = reports;
        this.clock = clock;
    }

    public CampaignView of(CampaignStore.Row row) {
        Optional<Campaign> campaign = sources.of(row);
        boolean ab = campaign.map(Campaign::isAbTest).orElse(false);
        CampaignProgress.Progress p = progress.of(row, ab);
        FlowReport report = null;
        Counts counts = new Counts(p.audience(), p.heldOut(), p.queued(), 0, 0, 0, 0, BigDecimal.ZERO);
        if (row.startedAt() != null) {
            // The report's period is the campaign's life so far: every entry happened in it.
            Instant to = clock.instant().plusSeconds(1);
            report = reports.report(
                    Campaign.flowIdOf(row.id()),
                    row.startedAt(),
                    to.isAfter(row.startedAt()) ? to : row.startedAt().plusSeconds(1));
            var f = report.funnel();
            counts = new Counts(
                    p.audience(),
                    p.heldOut(),
                    p.queued(),
                    f.sent(),
                    f.delivered(),
                    f.clicked(),
                    f.converted(),
                    f.attributedRevenue());
        }
        List<CampaignDecisions.VariantResult> variants =
                ab && row.startedAt() != null ? decisions.results(row.id(), campaign.get()) : List.of();
        return new CampaignView(
                row.id(),
                row.name(),
                p.state(),
                Campaign.flowIdOf(row.id()),
                row.changedBy(),
                row.changedAt(),
                row.startedAt(),
                row.firstSendAt(),
                row.lastSendAt(),
                row.decideAt(),
                row.winner(),
                row.decidedAt(),
                variants,
                counts,
                report);
    }
}
