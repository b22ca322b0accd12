package io.comeback.enrollment;

import io.comeback.audience.AudienceEvents;
import io.comeback.audience.imports.FlowTally;
import io.comeback.audience.imports.ImportConfig;
import io.comeback.audience.imports.ImportFollowUp;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import io.comeback.flows.FlowVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports set flows in motion as the API's ingest does ({@link IngestTriggers}), by the batch instead of by the row,
 * on the import's connection and inside its transaction. Imported data is often history, so what counts is bounded by
 * {@code comeback.import.trigger-window}: an order starts an {@code order_placed} flow only when the flow would have
 * started for it (placed at, plus the trigger's delay) no longer ago than the window, and is a goal of (or an event
 * for) a running enrollment only when placed after it began or no longer than the window before. New customers enter
 * {@code customer_created} flows only when the import asks for it. An import that sets more customers of a flow in
 * motion than {@code comeback.approval.threshold} waits for approval ({@link ImportApproval}).
 */
@ApplicationScoped
public class ImportTriggers implements ImportFollowUp {

    private final FlowCatalog catalog;
    private final FlowVersions versions;
    private final Enrollments enrollments;
    private final WakeUpWorkers workers;
    private final FlowApprovals approvals;
    private final Clock clock;
    private final Duration window;

    public ImportTriggers(
            FlowCatalog catalog,
            FlowVersions versions,
            Enrollments enrollments,
            WakeUpWorkers workers,
            FlowApprovals approvals,
            Clock clock,
            ImportConfig config) {
        this.catalog = catalog;
        this.versions = versions;
        this.enrollments = enrollments;
        this.workers = workers;
        this.approvals = approvals;
        this.clock = clock;
        this.window = config.triggerWindow();
    }

    @Override
    public Map<String, FlowTally> ordersStored(Connection c, String storedOrders) throws SQLException {
        Map<String, FlowTally> tallies = new HashMap<>();
        for (ImportSignalStore.Signalled s : ImportSignalStore.signalOrders(c, storedOrders, window, clock.instant())) {
            // The goal of the version the enrollments run, which may be older than the active one.
            boolean orderIsGoal = versions.resolve(s.flowId(), s.flowVersion())
                    .flatMap(f -> f.entry().goal())
                    .map(g -> g.event() == EventType.ORDERED)
                    .orElse(false);
            tallies.merge(
                    s.flowId(),
                    new FlowTally(0, 0, 0, s.enrollments(), orderIsGoal ? s.enrollments() : 0),
                    FlowTally::plus);
        }
        return tallies;
    }

    @Override
    public Optional<Instant> oldestSignallingOrder(Connection c) throws SQLException {
        return ImportSignalStore.earliestRunningEntry(c).map(entered -> entered.minus(window));
    }

    @Override
    public Optional<Instant> oldestTriggeringOrder() {
        Instant now = clock.instant();
        return catalog.activeWith(Trigger.OrderPlaced.class).stream()
                .map(f -> now.minus(window).minus(longest(((Trigger.OrderPlaced) f.trigger()).delay())))
                .min(Instant::compareTo);
    }

    /** Counts what the import enters per flow, so that a burst of it waits for approval ({@link ImportApproval}). */
    @Override
    public ImportFollowUp forImport(String what) {
        return new OneImportTriggers(this, new ImportApproval(approvals, what, clock.instant()));
    }

    @Override
    public Map<String, FlowTally> ordersPlaced(Connection c, List<ImportedOrder> orders) throws SQLException {
        return ordersPlaced(c, orders, new ImportApproval(approvals, "order import", clock.instant()));
    }

    Map<String, FlowTally> ordersPlaced(Connection c, List<ImportedOrder> orders, ImportApproval approval)
            throws SQLException {
        Instant now = clock.instant();
        Instant oldestStart = now.minus(window);
        Map<String, FlowTally> tallies = new HashMap<>();
        for (Flow flow : catalog.activeWith(Trigger.OrderPlaced.class)) {
            Optional<FlowDuration> delay = ((Trigger.OrderPlaced) flow.trigger()).delay();
            List<Enrollments.Candidate> candidates = new ArrayList<>();
            for (ImportedOrder order : orders) {
                Instant startAt = delay.map(d -> d.addTo(order.placedAt(), CustomerViews.zone(order.timeZone())))
                        .orElse(order.placedAt());
                if (!startAt.isBefore(oldestStart)) {
                    AudienceEvents.OrderPlaced placed = new AudienceEvents.OrderPlaced(
                            order.customerId(), order.orderId(), order.total(), order.couponCode(), order.placedAt());
                    candidates.add(new Enrollments.Candidate(
                            order.customerId(),
                            new TriggerContext(
                                    IngestTriggers.orderVariables(placed), startAt.isAfter(now) ? startAt : null),
                            "order " + order.orderId() + " (import)"));
                }
            }
            if (!candidates.isEmpty()) {
                tallies.put(
                        flow.id(),
                        tally(approval.enter(
                                c,
                                flow.id(),
                                waitingFor -> enrollments.enterAll(c, flow.id(), candidates, waitingFor))));
            }
        }
        return tallies;
    }

    @Override
    public Map<String, FlowTally> customersCreated(Connection c, List<Long> customerIds) throws SQLException {
        return customersCreated(c, customerIds, new ImportApproval(approvals, "customer import", clock.instant()));
    }

    Map<String, FlowTally> customersCreated(Connection c, List<Long> customerIds, ImportApproval approval)
            throws SQLException {
        Map<String, FlowTally> tallies = new HashMap<>();
        if (customerIds.isEmpty()) {
            return tallies;
        }
        List<String> reasons = java.util.Collections.nCopies(customerIds.size(), "customer_created (import)");
        for (Flow flow : catalog.activeWith(Trigger.CustomerCreated.class)) {
            tallies.put(
                    flow.id(),
                    tally(approval.enter(
                            c,
                            flow.id(),
                            waitingFor -> enrollments.enterLapsed(c, flow.id(), customerIds, reasons, waitingFor))));
        }
        return tallies;
    }

    @Override
    public void committed() {
        workers.nudge();
    }

    private static FlowTally tally(ImportApproval.Entered batch) {
        long entered = 0, heldOut = 0, refused = 0;
        for (EntryOutcome outcome : batch.outcomes()) {
            if (outcome instanceof EntryOutcome.Entered) {
                entered++;
            } else if (outcome instanceof EntryOutcome.HeldOut) {
                heldOut++;
            } else {
                refused++;
            }
        }
        return new FlowTally(entered, heldOut, refused, 0, 0, batch.awaitingApproval());
    }

    /** At least as long as the delay from any instant in any zone (months of 31 days, a day for zone shifts). */
    private static Duration longest(Optional<FlowDuration> delay) {
        if (delay.isEmpty()) {
            return Duration.ZERO;
        }
        Period p = delay.get().datePart();
        long days = p.getYears() * 366L + p.getMonths() * 31L + p.getDays() + 1;
        return Duration.ofDays(days).plus(delay.get().timePart());
    }
}
