package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Campaign;
import io.comeback.flows.CampaignStore;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Pause, resume and cancel of a started campaign. Pause and resume are the flow's ({@link FlowPause}: due wake-ups
 * and texts wait, nothing is dropped; resumed, each held text is judged again and released once). Cancel ends every
 * running enrollment of the campaign's flow and blocks its texts not yet handed over, in one transaction.
 */
@ApplicationScoped
public class CampaignControl {

    public static final String CANCELLED = "campaign_cancelled";

    // Each enrollment row is locked in turn: a wake-up batch holding one (FOR UPDATE, written in its transaction)
    // finishes first, and the statement below then sees the texts it wrote.
    private static final String END = """
            UPDATE enrollments SET status = 'exited', next_wake_at = NULL, held_wake_at = NULL, exited_at = ?,
                exit_reason = ?, exit_label = ?, updated_at = ?
            WHERE flow_id = ? AND exited_at IS NULL""";
    // A row the dispatcher has claimed (dispatching) is handed over already and is left alone; one being claimed
    // right now is locked, and re-checked here once the claim commits.
    private static final String BLOCK = """
            UPDATE outbound_messages o SET status = 'blocked', status_reason = ?, status_at = ?
            FROM enrollments e
            WHERE e.flow_id = ? AND o.enrollment_id = e.id AND o.status IN ('pending', 'held', 'awaiting_approval')""";
    private static final String SIGNALS = """
            DELETE FROM enrollment_signals WHERE enrollment_id IN (SELECT id FROM enrollments WHERE flow_id = ?)""";

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
        String flowId = Campaign.flowIdOf(id);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String state = lock(c, id);
                if (state.equals("cancelled")) {
                    throw new CampaignRefused("campaign '" + id + "' is cancelled already");
                }
                CampaignStore.setState(c, id, "cancelled", by, now);
                try (PreparedStatement st = c.prepareStatement(END)) {
                    Jdbc.setInstant(st, 1, now);
                    st.setString(2, CANCELLED);
                    st.setString(3, "by " + by);
                    Jdbc.setInstant(st, 4, now);
                    st.setString(5, flowId);
                    st.executeUpdate();
                }
                int blocked;
                try (PreparedStatement st = c.prepareStatement(BLOCK)) {
                    st.setString(1, CANCELLED);
                    Jdbc.setInstant(st, 2, now);
                    st.setString(3, flowId);
                    blocked = st.executeUpdate();
                }
                try (PreparedStatement st = c.prepareStatement(SIGNALS)) {
                    st.setString(1, flowId);
                    st.executeUpdate();
                }
                c.commit();
                return blocked;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not cancel campaign " + id, e);
        }
    }

    private void change(String id, String from, String to, String by) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String state = lock(c, id);
                if (!state.equals(from)) {
                    throw new CampaignRefused("campaign '" + id + "' is " + state + ", not " + from);
                }
                CampaignStore.setState(c, id, to, by, clock.instant());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change campaign " + id, e);
        }
    }

    private static String lock(Connection c, String id) throws SQLException {
        return CampaignStore.find(c, id, true)
                .orElseThrow(() -> new CampaignRefused("no campaign '" + id + "'"))
                .state();
    }
}
