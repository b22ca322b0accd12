package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Campaign;
import io.comeback.flows.CampaignStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Where a campaign stands, read from its flow's enrollments and ledger rows: the state the API shows (the stored
 * draft / paused / cancelled, or for a started one scheduled, sending or done) and what is still queued.
 */
@ApplicationScoped
public class CampaignProgress {

    /**
     * @param audience everyone entered (held out included)
     * @param queued   recipients whose text is not written yet, plus texts written and not handed over
     * @param handedOver texts handed to the provider (whatever became of them)
     */
    public record Progress(String state, long audience, long heldOut, long queued, long handedOver) {}

    private static final String COUNTS = """
            SELECT count(*),
                   count(*) FILTER (WHERE e.status = 'held_out'),
                   count(*) FILTER (WHERE e.status <> 'held_out' AND e.exited_at IS NULL AND e.step_id IS DISTINCT FROM ?
                                    AND NOT EXISTS (SELECT 1 FROM outbound_messages o WHERE o.enrollment_id = e.id))
            FROM enrollments e WHERE e.flow_id = ?""";
    private static final String LEDGER = """
            SELECT count(*) FILTER (WHERE o.status IN ('pending', 'held', 'awaiting_approval', 'dispatching', 'unknown')),
                   count(*) FILTER (WHERE o.status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))
            FROM outbound_messages o JOIN enrollments e ON e.id = o.enrollment_id WHERE e.flow_id = ?""";

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public CampaignProgress(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Progress of(CampaignStore.Row row, boolean abTest) {
        String flowId = Campaign.flowIdOf(row.id());
        try (Connection c = dataSource.getConnection()) {
            long audience;
            long heldOut;
            long unwritten;
            try (PreparedStatement st = c.prepareStatement(COUNTS)) {
                st.setString(1, Campaign.CONVERT_STEP);
                st.setString(2, flowId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    audience = rs.getLong(1);
                    heldOut = rs.getLong(2);
                    unwritten = rs.getLong(3);
                }
            }
            long waiting;
            long handedOver;
            try (PreparedStatement st = c.prepareStatement(LEDGER)) {
                st.setString(1, flowId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    waiting = rs.getLong(1);
                    handedOver = rs.getLong(2);
                }
            }
            long queued = unwritten + waiting;
            return new Progress(state(row, abTest, queued, handedOver), audience, heldOut, queued, handedOver);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the progress of campaign " + row.id(), e);
        }
    }

    private String state(CampaignStore.Row row, boolean abTest, long queued, long handedOver) {
        if (!row.state().equals("started")) {
            return row.state();
        }
        Instant now = clock.instant();
        if (handedOver == 0 && row.firstSendAt() != null && now.isBefore(row.firstSendAt())) {
            return "scheduled";
        }
        boolean restToCome = abTest && row.decidedAt() == null;
        return queued > 0 || restToCome ? "sending" : "done";
    }
}
