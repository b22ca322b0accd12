package io.comeback.messaging;

import io.comeback.support.UnflushedCommit;
import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.text.SmsSegments;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import io.comeback.support.GracefulStop;
import io.comeback.support.PollingLoop;
import io.comeback.messaging.pacing.SenderBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.comeback.support.LogContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends pending ledger rows: claim a batch (marked {@code dispatching} and committed), call the
 * gateway once per row, record every outcome in one statement. Nothing is retried unless the
 * gateway says the provider certainly did not take the message. When pacing is configured, a batch
 * holds only the rows their senders' token buckets allow ({@link PacedClaim}). From the hand-over to the
 * recorded outcomes the rows are held in one transaction, which is what an erasure waits for.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final SendOutcome NO_PHONE = new SendOutcome.Refused("no_phone", "the customer has no phone number", false);

    private final AgroalDataSource dataSource;
    private final Gateways gateways;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final boolean enabled;
    private final PollingLoop loop;
    private final GracefulStop stop;
    private final PacedClaim paced;
    private final Counter handedToGateway;
    private final SendMetrics sendMetrics;
    private final HandedOverRows handedOver = new HandedOverRows(50_000);
    // Provider calls wait on the network; a batch's calls run side by side so one slow call does not hold the rest.
    private final ExecutorService calls;

    public Dispatcher(AgroalDataSource dataSource, Gateways gateways, Clock clock, GracefulStop stop, SenderBuckets buckets, MeterRegistry metrics,
                      SendMetrics sendMetrics,
                      @ConfigProperty(name = "comeback.dispatch.workers", defaultValue = "2") int workers,
                      @ConfigProperty(name = "comeback.dispatch.batch-size", defaultValue = "200") int batchSize,
                      @ConfigProperty(name = "comeback.dispatch.poll-interval", defaultValue = "PT0.5S") Duration poll,
                      @ConfigProperty(name = "comeback.dispatch.max-attempts", defaultValue = "5") int maxAttempts,
                      @ConfigProperty(name = "comeback.dispatch.concurrent-calls", defaultValue = "8") int concurrentCalls,
                      @ConfigProperty(name = "comeback.runtime.enabled", defaultValue = "true") boolean enabled) {
        this.dataSource = dataSource;
        this.gateways = gateways;
        this.clock = clock;
        this.stop = stop;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.enabled = enabled;
        this.paced = buckets.settings().enabled() ? new PacedClaim(buckets) : null;
        this.handedToGateway = metrics.counter("comeback.dispatch.messages");
        this.sendMetrics = sendMetrics;
        this.loop = new PollingLoop("dispatch", workers, poll, this::dispatchBatch);
        this.calls = Executors.newFixedThreadPool(concurrentCalls, runnable -> {
            Thread thread = new Thread(runnable, "gateway-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            gateways.active();
            loop.start();
            stop.register(loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop.stop(loop);
        calls.shutdown();
    }

    public void nudge() {
        loop.nudge();
    }

    /** Ledger rows just committed as due now on this node: claim them by id at once (see {@link HandedOverRows}). */
    public void handOver(List<Long> messageIds) {
        if (paced == null) {
            handedOver.add(messageIds);
        }
        loop.nudge();
    }

    /** @return when to run the next batch (see {@link PollingLoop}) */
    Duration dispatchBatch() {
        SmsGateway gateway = gateways.active();
        PacedClaim.Result batch = claim(gateway);
        List<DispatchRows.Claimed> claimed = batch.rows();
        if (claimed.isEmpty()) {
            return batch.next();
        }
        // One transaction from the hand-over to the recorded outcomes: it holds the rows while the gateway is
        // called (DispatchRows.hold), so an erasure waits for a hand-over under way and no row it cancelled
        // after the claim leaves.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // Losing this commit (PostgreSQL crash) leaves the rows dispatching: they become unknown and are
            // reconciled with the gateway, exactly as after a crash of the service.
            UnflushedCommit.allow(c);
            List<DispatchRows.Claimed> leaving = DispatchRows.hold(c, claimed);
            handedToGateway.increment(leaving.size());
            List<Handled> handled = gateway.takesBatches() ? handleTogether(leaving, gateway) : handleSideBySide(leaving, gateway);
            List<DispatchOutcome> outcomes = new ArrayList<>(leaving.size());
            List<QuietHoursDeferrals.Deferral> deferrals = new ArrayList<>();
            for (Handled one : handled) {
                if (one.deferral() != null) {
                    deferrals.add(one.deferral());
                } else {
                    outcomes.add(one.outcome());
                }
            }
            Instant now = clock.instant();
            DispatchRows.record(c, outcomes, now);
            QuietHoursDeferrals.record(c, deferrals, now);
            c.commit();
            sendMetrics.dispatched(outcomes, deferrals.size());
        } catch (SQLException e) {
            // The rows stay dispatching and become unknown for reconciliation: never sent twice.
            throw new IllegalStateException("Could not hand over or record " + claimed.size() + " claimed messages", e);
        }
        return batch.next();
    }

    /** What became of one claimed row: an outcome to record, or a deferral past quiet hours (nothing sent). */
    private record Handled(DispatchOutcome outcome, QuietHoursDeferrals.Deferral deferral) {
    }

    /**
     * A row whose send window already closed is not handed to the gateway (it would arrive inside
     * quiet hours); a gateway that finds the deadline passed when the call is made refuses it, and
     * that is deferred the same way.
     */
    private Handled handle(DispatchRows.Claimed row, SmsGateway gateway) {
        MDC.put(LogContext.MESSAGE_ID, row.id());
        try {
            Handled settled = beforeCall(row, gateway);
            return settled != null ? settled : afterCall(row, gateway, send(gateway, row));
        } finally {
            MDC.remove(LogContext.MESSAGE_ID);
        }
    }

    /** One call per row, side by side: a slow call does not hold the rest of the batch. */
    private List<Handled> handleSideBySide(List<DispatchRows.Claimed> claimed, SmsGateway gateway) {
        List<Future<Handled>> pending = new ArrayList<>(claimed.size());
        for (DispatchRows.Claimed row : claimed) {
            pending.add(calls.submit(() -> handle(row, gateway)));
        }
        List<Handled> handled = new ArrayList<>(claimed.size());
        for (Future<Handled> call : pending) {
            handled.add(await(call));
        }
        return handled;
    }

    /** The rows that may leave, handed over in one request; the same checks before and after as {@link #handle}. */
    private List<Handled> handleTogether(List<DispatchRows.Claimed> claimed, SmsGateway gateway) {
        Handled[] handled = new Handled[claimed.size()];
        List<Integer> leaving = new ArrayList<>(claimed.size());
        List<OutgoingSms> messages = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            DispatchRows.Claimed row = claimed.get(i);
            handled[i] = beforeCall(row, gateway);
            if (handled[i] == null) {
                leaving.add(i);
                messages.add(message(row));
            }
        }
        List<SendOutcome> sent = sendAll(gateway, messages);
        for (int k = 0; k < leaving.size(); k++) {
            int i = leaving.get(k);
            handled[i] = afterCall(claimed.get(i), gateway, sent.get(k));
        }
        return Arrays.asList(handled);
    }

    /** What becomes of a row that must not reach the gateway (window closed, no number), else null. */
    private Handled beforeCall(DispatchRows.Claimed row, SmsGateway gateway) {
        SendWindow window = row.window();
        if (window != null && window.closedAt(clock.instant())) {
            return new Handled(null, QuietHoursDeferrals.Deferral.of(row.id(), window, clock.instant()));
        }
        if (row.to() == null) {
            return afterCall(row, gateway, NO_PHONE);
        }
        // Rows are judged against their flow's max_segments when written; this catches any other way in.
        String body = row.body() == null ? "" : row.body();
        Optional<String> tooLong = SegmentCap.refusal(body, SmsSegments.count(body), FlowSettings.MOST_SEGMENTS,
                "the " + FlowSettings.MOST_SEGMENTS + " segments any text may have");
        if (tooLong.isPresent()) {
            return afterCall(row, gateway, new SendOutcome.Refused(SegmentCap.ERROR_CODE, tooLong.get(), false));
        }
        return null;
    }

    private Handled afterCall(DispatchRows.Claimed row, SmsGateway gateway, SendOutcome sent) {
        SendWindow window = row.window();
        if (window != null && QuietHoursDeferrals.deadlinePassed(sent)) {
            return new Handled(null, QuietHoursDeferrals.Deferral.of(row.id(), window, clock.instant()));
        }
        return new Handled(outcome(row, gateway, sent), null);
    }

    private static <T> T await(Future<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the gateway", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Gateway call failed unexpectedly", e.getCause());
        }
    }

    private PacedClaim.Result claim(SmsGateway gateway) {
        try (Connection c = dataSource.getConnection()) {
            if (paced == null) {
                c.setAutoCommit(true);
                List<Long> handed = handedOver.take(batchSize);
                if (!handed.isEmpty()) {
                    List<DispatchRows.Claimed> rows = DispatchRows.claimHanded(c, clock.instant(), handed);
                    return new PacedClaim.Result(rows, Duration.ZERO);
                }
                List<DispatchRows.Claimed> rows = DispatchRows.claim(c, clock.instant(), batchSize);
                return new PacedClaim.Result(rows, rows.size() == batchSize ? Duration.ZERO : null);
            }
            c.setAutoCommit(false);
            try {
                PacedClaim.Result result = paced.claim(c, gateway, clock.instant(), batchSize);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim outbound messages", e);
        }
    }

    private static SendOutcome send(SmsGateway gateway, DispatchRows.Claimed row) {
        try {
            return gateway.send(message(row));
        } catch (RuntimeException e) {
            // Thrown mid-call: the provider may or may not have the message.
            LOG.warnf(e, "Gateway %s threw for message %d", gateway.name(), row.id());
            return new SendOutcome.Indeterminate("gateway threw " + e);
        }
    }

    private static List<SendOutcome> sendAll(SmsGateway gateway, List<OutgoingSms> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        try {
            List<SendOutcome> outcomes = gateway.sendAll(messages);
            if (outcomes.size() != messages.size()) {
                throw new IllegalStateException(outcomes.size() + " outcomes for " + messages.size() + " messages");
            }
            return outcomes;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Gateway %s threw for a batch of %d messages", gateway.name(), messages.size());
            SendOutcome unknown = new SendOutcome.Indeterminate("gateway threw " + e);
            return messages.stream().map(m -> unknown).toList();
        }
    }

    private static OutgoingSms message(DispatchRows.Claimed row) {
        return new OutgoingSms(row.id(), row.to(), row.body(), row.window() == null ? null : row.window().validUntil());
    }

    private DispatchOutcome outcome(DispatchRows.Claimed row, SmsGateway gateway, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted accepted) {
            return new DispatchOutcome(row.id(), accepted.status().wire(), gateway.name(), accepted.providerMessageId(),
                    null, null, null);
        }
        if (outcome instanceof SendOutcome.Refused refused) {
            if (refused.retryable()) {
                Instant retryAt = retryAt(row.attempts());
                if (retryAt != null) {
                    return new DispatchOutcome(row.id(), "pending", gateway.name(), null, refused.errorCode(),
                            "retry: " + refused.detail(), retryAt);
                }
            }
            return new DispatchOutcome(row.id(), "refused", gateway.name(), null, refused.errorCode(), refused.detail(), null);
        }
        SendOutcome.Indeterminate unknown = (SendOutcome.Indeterminate) outcome;
        return new DispatchOutcome(row.id(), "unknown", gateway.name(), null, null, unknown.detail(), null);
    }

    /** Exponential backoff with jitter from the row's attempt count; null once attempts are used up. */
    private Instant retryAt(int attempts) {
        if (attempts >= maxAttempts) {
            return null;
        }
        long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempts, 20));
        return clock.instant().plusMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
