package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One flow's date or segment detection pass, framed the same way for both triggers: not run while the flow is paused;
 * skipped while another node detects the flow (a session advisory lock on the reading connection, kept even if the
 * scheduler misfires); else the candidates are read in one read-only transaction and entered in batches
 * ({@link DetectionPass}), and the pass is logged and reported. Only what a trigger reads and records differs.
 */
@ApplicationScoped
public class FlowDetection {

    private static final Logger LOG = Logger.getLogger(FlowDetection.class);

    /** A trigger's names: {@code date}, and what its matches are called in the log ("matched"). */
    record Kind(String trigger, String matchedAre) {

        private String label() {
            return Character.toUpperCase(trigger.charAt(0)) + trigger.substring(1);
        }
    }

    /** Writes under the flow's lock before the scan, on the reading connection in auto-commit mode. */
    @FunctionalInterface
    interface BeforeScan {
        void run(Connection c) throws SQLException;
    }

    /** Reads the candidates on the read-only connection and adds each match to the batches. */
    @FunctionalInterface
    interface Scan {
        void read(Connection reader, DetectionPass.Batches batches) throws SQLException;
    }

    private final DetectionPass pass;
    private final AgroalDataSource dataSource;

    public FlowDetection(DetectionPass pass, AgroalDataSource dataSource) {
        this.pass = pass;
        this.dataSource = dataSource;
    }

    /** @param recorder records each batch's matches in the batch's transaction */
    DetectionRun detect(
            String flowId, Kind kind, Instant asOf, DetectionPass.Recorder recorder, BeforeScan before, Scan scan) {
        long started = System.nanoTime();
        if (pass.paused(flowId)) {
            return new DetectionRun(flowId, kind.trigger(), true, 0, Map.of(), Duration.ZERO, null);
        }
        String lock = "comeback." + kind.trigger() + "-detector:" + flowId;
        DetectionPass.Batches batches = pass.batches(flowId, kind.trigger(), asOf, recorder);
        try (Connection reader = dataSource.getConnection()) {
            if (!lock(reader, lock)) {
                LOG.infof("%s detection of flow %s is running elsewhere; skipped", kind.label(), flowId);
                return new DetectionRun(flowId, kind.trigger(), true, 0, Map.of(), Duration.ZERO, null);
            }
            try {
                before.run(reader);
                reader.setAutoCommit(false);
                reader.setReadOnly(true);
                scan.read(reader, batches);
                batches.flush();
                reader.commit();
            } finally {
                reader.setAutoCommit(true);
                reader.setReadOnly(false);
                unlock(reader, lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(kind.label() + " detection of flow " + flowId + " failed", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (batches.matched() > 0) {
            LOG.infof(
                    "%s detection of flow %s at %s: %d %s %s in %d ms%s",
                    kind.label(),
                    flowId,
                    asOf,
                    batches.matched(),
                    kind.matchedAre(),
                    batches.outcomes(),
                    took.toMillis(),
                    batches.approvalId() == null ? "" : "; waiting for approval " + batches.approvalId());
        }
        return new DetectionRun(
                flowId, kind.trigger(), false, batches.matched(), batches.outcomes(), took, null, batches.approvalId());
    }

    private static boolean lock(Connection connection, String key) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, String key) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            st.setString(1, key);
            st.execute();
        }
    }
}
