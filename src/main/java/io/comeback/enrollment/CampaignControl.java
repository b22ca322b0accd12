package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Campaign;
import io.comeback.flows.CampaignStore;
import io.comeback.support.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Pause, resume and cancel of a started campaign. Pause and resume are the flow's ({@link FlowPause}: due wake-ups
 * and texts wait, nothing is dropped; resumed, each held text is judged again and released once). Cancel ends every
 * running enrollment of the campaign's flow and blocks its texts not yet handed over ({@link EnrollmentExit}), in one
 * transaction.
 */
@ApplicationScoped
public class CampaignControl {

    public static final String CANCELLED = "campaign_cancelled";

    private final AgroalDataSource dataSource;
    private final FlowPause pause;
    private final Clock clock;

    public CampaignControl(AgroalDataSource dataSource, FlowPause pause, Clock clock) {
        this.dataSource = dataSource;
        this.pause = pause;
        this.clock = clock;
    }

    public void pause(String id, String by) {
        change(id, "started", "paused", by);
        pause.pause(Campaign.flowIdOf(id), by);
    }

    public void resume(String id, String by) {
        change(id, "paused", "started", by);
        pause.resume(Campaign.flowIdOf(id), by);
    }

    /** @return how many texts were stopped before they were handed over */
    public int cancel(String id, String by) {
        Instant now = clock.instant();
        return Transactions.call(dataSource, "Could not cancel campaign " + id, c -> {
            String state = lock(c, id);
            if (state.equals("cancelled")) {
                throw new CampaignRefused("campaign '" + id + "' is cancelled already");
            }
            CampaignStore.setState(c, id, "cancelled", by, now);
            return EnrollmentExit.ofFlow(
                    c, Campaign.flowIdOf(id), new EnrollmentExit.Reasons(CANCELLED, "by " + by, CANCELLED), now);
        });
    }

    private void change(String id, String from, String to, String by) {
        Transactions.run(dataSource, "Could not change campaign " + id, c -> {
            String state = lock(c, id);
            if (!state.equals(from)) {
                throw new CampaignRefused("campaign '" + id + "' is " + state + ", not " + from);
            }
            CampaignStore.setState(c, id, to, by, clock.instant());
        });
    }

    private static String lock(Connection c, String id) throws SQLException {
        return CampaignStore.find(c, id, true)
                .orElseThrow(() -> new CampaignRefused("no campaign '" + id + "'"))
                .state();
    }
}
