package io.comeback.enrollment;

import io.comeback.audience.ConditionSql;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One pass for the {@code segment} flows. The flow's {@code when} conditions, written as one SQL predicate
 * ({@link ConditionSql}, which means what the engine means), are judged for every customer in one scan:
 * those in {@code segment_members} who no longer match have left the segment and are removed; those who
 * match and are not members have joined it — each is handed to the entry rules (consent, audience, re-entry,
 * holdout) and becomes a member in the same transaction, whatever the rules decided. So a customer is
 * offered entry once per joining, and staying in the segment never enters anyone twice.
 */
@ApplicationScoped
public class SegmentDetector {

    private static final Logger LOG = Logger.getLogger(SegmentDetector.class);
    private static final FlowDetection.Kind KIND = new FlowDetection.Kind("segment", "joined");

    private static final String JOIN = """
            INSERT INTO segment_members (flow_id, customer_id, joined_at)
            SELECT ?, u.customer_id, ? FROM unnest(?::bigint[]) AS u(customer_id)
            ON CONFLICT (flow_id, customer_id) DO NOTHING""";

    private final FlowCatalog catalog;
    private final FlowDetection detection;
    private final Map<String, String> globals;

    public SegmentDetector(FlowCatalog catalog, FlowDetection detection, io.comeback.audience.ShopNameConfig shop) {
        this.catalog = catalog;
        this.detection = detection;
        this.globals = shop.globals();
    }

    public List<DetectionRun> runAll(Instant asOf) {
        List<FlowCatalog.Entry> flows = catalog.all().stream()
                .filter(e -> e.status() == FlowCatalog.Status.ACTIVE && e.flow().trigger() instanceof Trigger.Segment)
                .toList();
        return DetectionPass.each(flows, FlowCatalog.Entry::id, "segment", e -> detect(e.id(), e.flow(), asOf));
    }

    public DetectionRun detect(String flowId, Flow flow, Instant asOf) {
        Trigger.Segment segment = (Trigger.Segment) flow.trigger();
        String inSegment = "(("
                + new ConditionSql("CAST('" + asOf + "' AS timestamptz)", globals, flow.links()).all(segment.when())
                + ") IS TRUE)";
        return detection.detect(
                flowId,
                KIND,
                asOf,
                (c, ids, at) -> join(c, flowId, ids, at),
                c -> {
                    int left = leave(c, flowId, inSegment);
                    if (left > 0) {
                        LOG.debugf("Segment flow %s: %d customers left the segment", flowId, left);
                    }
                },
                (reader, batches) -> {
                    try (PreparedStatement st = reader.prepareStatement("""
                            SELECT c.id FROM customers c
                            WHERE c.erased_at IS NULL AND %s
                              AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.flow_id = ? AND m.customer_id = c.id)
                            ORDER BY c.id""".formatted(inSegment))) {
                        st.setString(1, flowId);
                        st.setFetchSize(5_000);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                batches.add(rs.getLong(1), "segment");
                            }
                        }
                    }
                });
    }

    /** Members who no longer match (or were erased) leave the segment: matching again later is joining again. */
    private static int leave(Connection c, String flowId, String inSegment) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                DELETE FROM segment_members m WHERE m.flow_id = ?
                  AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = m.customer_id AND c.erased_at IS NULL AND %s)""".formatted(inSegment))) {
            st.setString(1, flowId);
            return st.executeUpdate();
        }
    }

    private static void join(Connection c, String flowId, List<Long> ids, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(JOIN)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, at);
            st.setArray(3, c.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        }
    }
}
