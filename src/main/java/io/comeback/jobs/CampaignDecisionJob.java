package io.comeback.jobs;

import io.comeback.enrollment.CampaignDecisions;
import io.comeback.flows.CampaignStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the winners of A/B campaigns whose test period is over, every {@code comeback.campaigns.decide-every}
 * (one node of the cluster at a time; a decision is also guarded by the campaign's row lock).
 */
@ApplicationScoped
public class CampaignDecisionJob {

    private final CampaignDecisions decisions;
    private final CampaignStore store;

    public CampaignDecisionJob(CampaignDecisions decisions, CampaignStore store) {
        this.decisions = decisions;
        this.store = store;
    }

    @Scheduled(
            identity = "campaign-decisions",
            every = "{comeback.campaigns.decide-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void decide() {
        decisions.decideDue(store);
    }
}
