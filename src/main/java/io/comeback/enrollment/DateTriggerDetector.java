package io.comeback.enrollment;

import io.comeback.engine.model.DateField;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.run.DateTriggerTimes;
import io.comeback.flows.FlowCatalog;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass for the {@code date} flows: every customer whose date came round in the pass's window — its local
 * time in the customer's zone is past, at most {@code comeback.triggers.date.catch-up} ago — and who was not
 * matched for that occurrence yet is handed to the entry rules (consent, audience, re-entry, holdout), and
 * the occurrence is recorded in {@code date_trigger_matches} in the same transaction, whatever the rules
 * decided: each occurrence is met once, however often the pass runs.
 */
@ApplicationScoped
public class DateTriggerDetector {

    private static final FlowDetection.Kind KIND = new FlowDetection.Kind("date", "matched");

    private static final String RECORD = """
            INSERT INTO date_trigger_matches AS d (flow_id, customer_id, last_occurrence, matched_at)
            SELECT ?, u.customer_id, u.occurrence, ? FROM unnest(?::bigint[], ?::date[]) AS u(customer_id, occurrence)
            ON CONFLICT (flow_id, customer_id) DO UPDATE
                SET last_occurrence = GREATEST(d.last_occurrence, EXCLUDED.last_occurrence), matched_at = EXCLUDED.matched_at""";

    private final FlowCatalog catalog;
    private final FlowDetection detection;
    private final Duration catchUp;

    public DateTriggerDetector(FlowCatalog catalog, FlowDetection detection, TriggersConfig config) {
        this.catalog = catalog;
        this.detection = detection;
        this.catchUp = config.date().catchUp();
    }

    public List<DetectionRun> runAll(Instant asOf) {
        List<FlowCatalog.Entry> flows = catalog.all().stream()
                .filter(e ->
                        e.status() == FlowCatalog.Status.ACTIVE && e.flow().trigger() instanceof Trigger.DateTrigger)
                .toList();
        return DetectionPass.each(flows, FlowCatalog.Entry::id, "date", e -> detect(e.id(), e.flow(), asOf));
    }

    public DetectionRun detect(String flowId, Flow flow, Instant asOf) {
        Trigger.DateTrigger trigger = (Trigger.DateTrigger) flow.trigger();
        Instant from = asOf.minus(catchUp);
        Map<Long, LocalDate> occurrences = new HashMap<>();
        return detection.detect(
                flowId,
                KIND,
                asOf,
                (c, ids, at) -> record(c, flowId, ids, occurrences, at),
                c -> {},
                (reader, batches) -> DateCandidates.stream(reader, flowId, trigger, from, asOf, row -> {
                    ZoneId zone = CustomerViews.zone(row.zone());
                    Optional<LocalDate> date = trigger.field().kind() == DateField.Kind.FIRST_ORDER
                            ? Optional.ofNullable(row.firstOrderAt())
                                    .map(at -> at.atZone(zone).toLocalDate())
                            : DateTriggerTimes.parse(row.value());
                    Optional<DateTriggerTimes.Occurrence> due = date.flatMap(
                            d -> DateTriggerTimes.dueBetween(trigger, d, zone, from, asOf, row.lastOccurrence()));
                    if (due.isPresent()) {
                        occurrences.put(row.customerId(), due.get().day());
                        batches.add(
                                row.customerId(),
                                "date " + trigger.field().describe() + ": "
                                        + due.get().day() + " at " + trigger.at() + " " + zone.getId());
                    }
                }));
    }

    private static void record(
            Connection c, String flowId, List<Long> ids, Map<Long, LocalDate> occurrences, Instant at)
            throws SQLException {
        List<LocalDate> days = new ArrayList<>(ids.size());
        ids.forEach(id -> days.add(occurrences.remove(id)));
        try (PreparedStatement st = c.prepareStatement(RECORD)) {
            st.setString(1, flowId);
            Jdbc.setInstant(st, 2, at);
            st.setArray(3, c.createArrayOf("bigint", ids.toArray()));
            st.setArray(
                    4,
                    c.createArrayOf(
                            "date", days.stream().map(java.sql.Date::valueOf).toArray()));
            st.executeUpdate();
        }
    }
}
