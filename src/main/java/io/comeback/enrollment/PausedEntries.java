package io.comeback.enrollment;

import io.comeback.flows.FlowControls;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The entry rule of a paused flow ({@link FlowPause}): it takes nobody new, and says so in the entry log. */
final class PausedEntries {

    private PausedEntries() {}

    /**
     * A paused flow takes no new entries: every candidate is refused ({@code flow_paused}) and logged. One
     * primary-key read of {@code flow_controls} per call.
     *
     * @return true when the flow is paused (outcomes then holds the refusals)
     */
    static boolean refused(
            Connection connection, String flowId, List<Long> customerIds, Instant now, List<EntryOutcome> outcomes)
            throws SQLException {
        if (!FlowControls.paused(connection, flowId)) {
            return false;
        }
        customerIds.forEach(id -> outcomes.add(
                new EntryOutcome.Refused(EntryOutcome.Refused.FLOW_PAUSED, "flow '" + flowId + "' is paused")));
        Set<Long> living = new HashSet<>(EntryStore.existing(connection, customerIds));
        List<Long> logged = new ArrayList<>();
        List<EntryOutcome> loggedOutcomes = new ArrayList<>();
        for (int i = 0; i < customerIds.size(); i++) {
            if (living.contains(customerIds.get(i))) {
                logged.add(customerIds.get(i));
                loggedOutcomes.add(outcomes.get(i));
            }
        }
        EntryStore.log(connection, flowId, now, logged, loggedOutcomes);
        return true;
    }
}
