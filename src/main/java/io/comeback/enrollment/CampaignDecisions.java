package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ShopNameConfig;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.CampaignSchedule;
import io.comeback.engine.time.CampaignTimes;
import io.comeback.flows.CampaignStore;
import io.comeback.support.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The A/B decision: once a campaign's test period is over, the variant whose test recipients converted most often
 * (goal reached, per recipient texted) wins, and the rest of the audience — those outside the test share who match
 * the audience now and have not entered — enters with the winner, each at the schedule's next local time. The
 * decision and the entries are one transaction under the campaign's row lock, so it happens once.
 */
@ApplicationScoped
public class CampaignDecisions {

    private static final Logger LOG = Logger.getLogger(CampaignDecisions.class);

    /** One variant's test result. */
    public record VariantResult(String variant, long texted, long converted) {
        public double rate() {
            return texted == 0 ? 0 : (double) converted / texted;
        }
    }

    private static final String RESULTS = """
            SELECT start_context ->> ?, count(*) FILTER (WHERE status <> 'held_out'),
                   count(*) FILTER (WHERE exit_reason = 'goal_reached')
            FROM enrollments WHERE flow_id = ? GROUP BY 1""";

    private final AgroalDataSource dataSource;
    private final CampaignSources sources;
    private final Enrollments enrollments;
    private final WakeUpWorkers workers;
    private final Clock clock;
    private final Map<String, String> globals;

    public CampaignDecisions(
            AgroalDataSource dataSource,
            CampaignSources sources,
            Enrollments enrollments,
            WakeUpWorkers workers,
            Clock clock,
            ShopNameConfig shop) {
        this.dataSource = dataSource;
        this.sources = sources;
        this.enrollments = enrollments;
        this.workers = workers;
        this.clock = clock;
        this.globals = shop.globals();
    }

    /** Decides every campaign whose decision is due; returns their ids. */
    public List<String> decideDue(CampaignStore store) {
        List<String> decided = new ArrayList<>();
        for (String id : store.decisionsDue(clock.instant())) {
            decide(id).ifPresent(w -> decided.add(id));
        }
        if (!decided.isEmpty()) {
            workers.nudge();
        }
        return decided;
    }

    private Optional<String> decide(String id) {
        Instant now = clock.instant();
        Optional<Decided> decided = Transactions.call(dataSource, "Could not decide campaign " + id, c -> {
            Optional<CampaignStore.Row> row = CampaignStore.find(c, id, true);
            if (row.isEmpty()
                    || !row.get().state().equals("started")
                    || row.get().decidedAt() != null) {
                c.rollback();
                return Optional.empty(); // decided on another node, paused or cancelled meanwhile
            }
            Campaign campaign = sources.of(row.get()).orElseThrow();
            String winner = winner(campaign, results(c, campaign));
            CampaignSchedule next = new CampaignSchedule(
                    Optional.empty(),
                    campaign.schedule().at(),
                    campaign.schedule().until(),
                    campaign.schedule().asap(),
                    campaign.schedule().location());
            int percent = campaign.test().orElseThrow().percent();
            List<CampaignAudience.Recipient> rest = CampaignAudience.select(c, campaign, now, globals, true);
            CampaignWave.Entered wave = CampaignWave.enter(
                    c,
                    enrollments,
                    campaign,
                    next,
                    rest,
                    r -> CampaignTimes.inTest(campaign.id(), r.customerId(), percent) ? null : winner,
                    now);
            CampaignStore.decided(c, id, winner, now);
            return Optional.of(new Decided(winner, wave.entered()));
        });
        decided.ifPresent(d -> LOG.infof("Campaign %s: variant %s won; %d more entered", id, d.winner(), d.entered()));
        return decided.map(Decided::winner);
    }

    private record Decided(String winner, int entered) {}

    /** The test result of every variant, in file order. */
    public List<VariantResult> results(String campaignId, Campaign campaign) {
        try (Connection c = dataSource.getConnection()) {
            return results(c, campaign);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the variants of campaign " + campaignId, e);
        }
    }

    private static List<VariantResult> results(Connection c, Campaign campaign) throws SQLException {
        Map<String, VariantResult> byVariant = new LinkedHashMap<>();
        campaign.variants().forEach(v -> byVariant.put(v, new VariantResult(v, 0, 0)));
        try (PreparedStatement st = c.prepareStatement(RESULTS)) {
            st.setString(1, Campaign.VARIANT_VARIABLE);
            st.setString(2, campaign.flow().id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (byVariant.containsKey(rs.getString(1))) {
                        byVariant.put(
                                rs.getString(1), new VariantResult(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
        }
        return List.copyOf(byVariant.values());
    }

    /** The best conversion rate; on a tie the variant written first. */
    static String winner(Campaign campaign, List<VariantResult> results) {
        VariantResult best = results.get(0);
        for (VariantResult r : results) {
            if (r.rate() > best.rate()) {
                best = r;
            }
        }
        return best.variant();
    }
}
