package io.comeback.messaging;

import io.comeback.messaging.concurrency.HandOverSlots;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import io.comeback.support.LogContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One call per row, side by side, each holding one of this replica's provider slots ({@link HandOverSlots}) while
 * its request is out: as many in flight as the provider allows, never more. The calls of every batch share one pool,
 * first come first served, so that a batch's last slow calls do not leave slots idle while the next batch is
 * claimed. The pool has as many threads as there are slots: a thread that gives its slot back takes the next call
 * itself, instead of waking another one (which, on a busy machine, leaves the slot idle while it is scheduled). A "too many requests" answer (the provider processed nothing)
 * gives the slot back as a throttle and the same text goes again once a slot frees; nothing else is repeated here.
 * A row that waited {@code giveBackAfter} without a slot goes back to {@code pending}, so no row stays
 * {@code dispatching} long enough to be taken for one whose node died.
 */
final class CallPerRow implements GatewayCalls {

    private static final Logger LOG = Logger.getLogger(CallPerRow.class);
    /** After a "too many requests", the text asks for a slot again after about this long (jittered ±50 %). */
    private static final long THROTTLE_PAUSE_MILLIS = 100;

    private final HandOverRules rules;
    private final HandOverSlots slots;
    private final Clock clock;
    private final Duration giveBackAfter;
    private final ThreadPoolExecutor calls;

    CallPerRow(HandOverRules rules, HandOverSlots slots, Clock clock, Duration giveBackAfter) {
        this.rules = rules;
        this.slots = slots;
        this.clock = clock;
        this.giveBackAfter = giveBackAfter;
        int threads = slots.limit();
        this.calls = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-call");
                    thread.setDaemon(true);
                    return thread;
                });
        this.calls.allowCoreThreadTimeOut(true);
        slots.countBacklog(() -> calls.getQueue().size());
    }

    @Override
    public List<HandOverResult> handOver(List<DispatchStore.Claimed> rows, SmsGateway gateway) {
        fitThreadsToSlots();
        long giveBackAt = System.nanoTime() + giveBackAfter.toNanos();
        List<Future<HandOverResult>> pending = new ArrayList<>(rows.size());
        for (DispatchStore.Claimed row : rows) {
            pending.add(calls.submit(() -> handOver(row, gateway, giveBackAt)));
        }
        List<HandOverResult> results = new ArrayList<>(rows.size());
        for (Future<HandOverResult> call : pending) {
            results.add(await(call));
        }
        return results;
    }

    /** One thread per slot usable now (at least one, to wait for the next); threads beyond it end when idle. */
    private synchronized void fitThreadsToSlots() {
        int threads = Math.max(1, Math.min(slots.limit(), slots.usable()));
        if (threads > calls.getMaximumPoolSize()) {
            calls.setMaximumPoolSize(threads);
            calls.setCorePoolSize(threads);
        } else if (threads < calls.getCorePoolSize()) {
            calls.setCorePoolSize(threads);
            calls.setMaximumPoolSize(threads);
        }
    }

    void shutdown() {
        calls.shutdown();
    }

    private HandOverResult handOver(DispatchStore.Claimed row, SmsGateway gateway, long giveBackAt) {
        MDC.put(LogContext.MESSAGE_ID, row.id());
        try {
            return handOverWithSlot(row, gateway, giveBackAt);
        } finally {
            MDC.remove(LogContext.MESSAGE_ID);
        }
    }

    private HandOverResult handOverWithSlot(DispatchStore.Claimed row, SmsGateway gateway, long giveBackAt) {
        Optional<HandOverResult> settled = rules.beforeCall(row, gateway);
        if (settled.isPresent()) {
            return settled.get();
        }
        try {
            while (true) {
                long round = slots.acquire(giveBackAt);
                if (round < 0) {
                    return notSent(row, "no provider slot was free for " + giveBackAfter);
                }
                SendOutcome sent = null;
                try {
                    sent = send(gateway, row);
                } finally {
                    slots.release(round, throttled(sent));
                }
                if (!throttled(sent)) {
                    return rules.afterCall(row, gateway, sent);
                }
                long pause =
                        THROTTLE_PAUSE_MILLIS / 2 + ThreadLocalRandom.current().nextLong(THROTTLE_PAUSE_MILLIS + 1);
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - giveBackAt >= 0) {
                    return notSent(
                            row, "the provider refused it as too many at once until " + giveBackAfter + " had passed");
                }
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notSent(row, "the hand-over was interrupted before the text left");
        }
    }

    private static boolean throttled(SendOutcome sent) {
        return sent instanceof SendOutcome.Refused refused && refused.throttled();
    }

    /** Back to pending, its attempt given back: nothing reached the provider. */
    private HandOverResult notSent(DispatchStore.Claimed row, String why) {
        return new HandOverResult.Deferred(
                QuietHoursDeferrals.Deferral.notSent(row.id(), row.window(), clock.instant(), why));
    }

    private static SendOutcome send(SmsGateway gateway, DispatchStore.Claimed row) {
        try {
            return gateway.send(row.message());
        } catch (RuntimeException e) {
            // Thrown mid-call: the provider may or may not have the message.
            LOG.warnf(e, "Gateway %s threw for message %d", gateway.name(), row.id());
            return new SendOutcome.Indeterminate("gateway threw " + e);
        }
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
}
