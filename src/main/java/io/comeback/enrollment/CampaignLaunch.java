package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ShopNameConfig;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.time.CampaignTimes;
import io.comeback.flows.CampaignStore;
import io.comeback.flows.FlowVersions;
import io.comeback.support.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts a campaign: stores its flow's version, selects the audience and enters it (the A/B test share only, each
 * with a variant) into the campaign's flow, each recipient due at their own local send time, in one transaction with
 * the campaign's change to {@code started}. From then on it is the flow runtime's: wake-ups write the texts through
 * the compliance gate, the ledger sends each once, pause and cancel act on the flow's enrollments and rows.
 */
@ApplicationScoped
public class CampaignLaunch {

    private static final Logger LOG = Logger.getLogger(CampaignLaunch.class);

    private final AgroalDataSource dataSource;
    private final CampaignSources sources;
    private final FlowVersions versions;
    private final Enrollments enrollments;
    private final WakeUpWorkers workers;
    private final Clock clock;
    private final Map<String, String> globals;

    public CampaignLaunch(
            AgroalDataSource dataSource,
            CampaignSources sources,
            FlowVersions versions,
            Enrollments enrollments,
            WakeUpWorkers workers,
            Clock clock,
            ShopNameConfig shop) {
        this.dataSource = dataSource;
        this.sources = sources;
        this.versions = versions;
        this.enrollments = enrollments;
        this.workers = workers;
        this.clock = clock;
        this.globals = shop.globals();
    }

    /** @return how many entered the first wave (held out included) */
    public int start(String id, String by) {
        Instant now = clock.instant();
        int entered = Transactions.call(dataSource, "Could not start campaign " + id, c -> {
            CampaignStore.Row row =
                    CampaignStore.find(c, id, true).orElseThrow(() -> new CampaignRefused("no campaign '" + id + "'"));
            if (!row.state().equals("draft")) {
                throw new CampaignRefused("campaign '" + id + "' is " + row.state() + ": a campaign starts once");
            }
            Campaign campaign =
                    sources.of(row).orElseThrow(() -> new CampaignRefused("campaign '" + id + "' no longer validates"));
            versions.remember(campaign.flow(), row.source());
            List<CampaignAudience.Recipient> audience = CampaignAudience.select(c, campaign, now, globals, false);
            CampaignWave.Entered wave = CampaignWave.enter(
                    c, enrollments, campaign, campaign.schedule(), audience, r -> firstWaveVariant(campaign, r), now);
            Instant first = wave.first() == null ? now : wave.first();
            Instant last = wave.last() == null ? now : wave.last();
            Instant decideAt = campaign.test()
                    .map(t -> t.decideAfter().addTo(last, java.time.ZoneOffset.UTC))
                    .orElse(null);
            CampaignStore.started(c, id, by, now, first, last, decideAt);
            return wave.entered();
        });
        LOG.infof("Campaign %s started by %s: %d entered the first wave", id, by, entered);
        workers.nudge();
        return entered;
    }

    /** Everyone's variant without a test; in an A/B test only the test share, split equally, the rest later. */
    static String firstWaveVariant(Campaign campaign, CampaignAudience.Recipient r) {
        if (campaign.test().isEmpty()) {
            return campaign.variants().get(0);
        }
        if (!CampaignTimes.inTest(
                campaign.id(), r.customerId(), campaign.test().get().percent())) {
            return null;
        }
        int index = CampaignTimes.variantIndex(
                campaign.id(), r.customerId(), campaign.variants().size());
        return campaign.variants().get(index);
    }
}
