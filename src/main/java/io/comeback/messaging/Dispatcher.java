package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.concurrency.HandOverSlots;
import io.comeback.messaging.pacing.SenderBuckets;
import io.comeback.messaging.port.SmsGateway;
import io.comeback.support.GracefulStop;
import io.comeback.support.PollingLoop;
import io.comeback.support.UnflushedCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends pending ledger rows: claim a batch (marked {@code dispatching} and committed, {@link DispatchClaim}),
 * call the gateway once per row ({@link GatewayCalls}), record every outcome in one statement. Nothing is
 * retried unless the gateway says the provider certainly did not take the message ({@link HandOverRules}).
 * When pacing is configured, a batch holds only the rows their senders' token buckets allow ({@link PacedClaim}).
 * A gateway that takes one message per request gets as many in flight as this replica's provider slots allow
 * ({@link HandOverSlots}), and a batch of no more rows than those slots send in a few round trips.
 * From the hand-over to the recorded outcomes the rows are held in one transaction, which is what an erasure
 * waits for.
 */
@ApplicationScoped
public class Dispatcher {

    /**
     * A batch for a one-message-per-request gateway holds at most this many rows per slot: enough that the slots stay
     * busy while the other workers claim and record, few enough that a batch is handed over in a few round trips.
     */
    static final int ROWS_PER_SLOT = 5;

    private final AgroalDataSource dataSource;
    private final Gateways gateways;
    private final Clock clock;
    private final int batchSize;
    private final boolean enabled;
    private final PollingLoop loop;
    private final DispatchClaim claims;
    private final CallPerRow callPerRow;
    private final CallPerBatch callPerBatch;
    private final HandOverSlots slots;
    private final Counter handedToGateway;
    private final SendMetrics sendMetrics;
    private final GracefulStop stop;

    public Dispatcher(
            AgroalDataSource dataSource,
            Gateways gateways,
            Clock clock,
            GracefulStop stop,
            SenderBuckets buckets,
            HandOverSlots slots,
            MeterRegistry metrics,
            SendMetrics sendMetrics,
            DispatchConfig config,
            RuntimeConfig runtime) {
        this.dataSource = dataSource;
        this.gateways = gateways;
        this.clock = clock;
        this.stop = stop;
        this.sendMetrics = sendMetrics;
        this.batchSize = config.batchSize();
        this.enabled = runtime.enabled();
        this.claims = buckets.settings().enabled() ? new PacedClaim(buckets) : new UnpacedClaim();
        HandOverRules rules = new HandOverRules(clock, config.maxAttempts());
        this.slots = slots;
        // Half the lease: a row waiting for a slot goes back to pending long before it could be taken for abandoned.
        this.callPerRow = new CallPerRow(rules, slots, clock, config.lease().dividedBy(2));
        this.callPerBatch = new CallPerBatch(rules);
        this.handedToGateway = metrics.counter("comeback.dispatch.messages");
        this.loop = new PollingLoop("dispatch", config.workers(), config.pollInterval(), this::dispatchBatch);
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            if (!gateways.active().takesBatches()) {
                slots.start();
            }
            loop.start();
            stop.register(loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        // The loop's batches under way finish first (within the drain deadline): they use the call threads.
        stop.stop(loop);
        callPerRow.shutdown();
        slots.stop();
    }

    public void nudge() {
        loop.nudge();
    }

    /** Ledger rows just committed as due now on this node: claim them by id at once (see {@link HandedOverQueue}). */
    public void handOver(List<Long> messageIds) {
        claims.handOver(messageIds);
        loop.nudge();
    }

    /** @return when to run the next batch (see {@link PollingLoop}) */
    Duration dispatchBatch() {
        SmsGateway gateway = gateways.active();
        ClaimedBatch batch = claim(gateway);
        List<DispatchStore.Claimed> claimed = batch.rows();
        if (claimed.isEmpty()) {
            return batch.next();
        }
        // One transaction from the hand-over to the recorded outcomes: it holds the rows while the gateway is
        // called (DispatchStore.hold), so an erasure waits for a hand-over under way and no row it cancelled
        // after the claim leaves.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // Losing this commit (PostgreSQL crash) leaves the rows dispatching: they become unknown and are
            // reconciled with the gateway, exactly as after a crash of the service.
            UnflushedCommit.allow(c);
            List<DispatchStore.Claimed> leaving = DispatchStore.hold(c, claimed);
            handedToGateway.increment(leaving.size());
            GatewayCalls calls = gateway.takesBatches() ? callPerBatch : callPerRow;
            List<DispatchOutcome> outcomes = new ArrayList<>(leaving.size());
            List<QuietHoursDeferrals.Deferral> deferrals = new ArrayList<>();
            for (HandOverResult result : calls.handOver(leaving, gateway)) {
                if (result instanceof HandOverResult.Deferred deferred) {
                    deferrals.add(deferred.deferral());
                } else {
                    outcomes.add(((HandOverResult.Recorded) result).outcome());
                }
            }
            Instant now = clock.instant();
            DispatchOutcomeStore.record(c, outcomes, now);
            QuietHoursDeferrals.record(c, deferrals, now);
            c.commit();
            sendMetrics.dispatched(outcomes, deferrals.size());
        } catch (SQLException e) {
            // The rows stay dispatching and become unknown for reconciliation: never sent twice.
            throw new IllegalStateException("Could not hand over or record " + claimed.size() + " claimed messages", e);
        }
        return batch.next();
    }

    private ClaimedBatch claim(SmsGateway gateway) {
        int size = gateway.takesBatches()
                ? batchSize
                : (int) Math.min(batchSize, (long) Math.max(1, slots.usable()) * ROWS_PER_SLOT);
        try (Connection c = dataSource.getConnection()) {
            return claims.claim(c, gateway, clock.instant(), size);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim outbound messages", e);
        }
    }
}
