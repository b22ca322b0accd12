package io.comeback.messaging;

import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import io.comeback.support.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One call per row, side by side: provider calls wait on the network, so one slow call does not hold
 * the rest of the batch.
 */
final class CallPerRow implements GatewayCalls {

    private static final Logger LOG = Logger.getLogger(CallPerRow.class);

    private final HandOverRules rules;
    private final ExecutorService calls;

    CallPerRow(HandOverRules rules, int concurrentCalls) {
        this.rules = rules;
        this.calls = Executors.newFixedThreadPool(concurrentCalls, runnable -> {
            Thread thread = new Thread(runnable, "gateway-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<HandOverResult> handOver(List<DispatchStore.Claimed> rows, SmsGateway gateway) {
        List<Future<HandOverResult>> pending = new ArrayList<>(rows.size());
        for (DispatchStore.Claimed row : rows) {
            pending.add(calls.submit(() -> handOver(row, gateway)));
        }
        List<HandOverResult> results = new ArrayList<>(rows.size());
        for (Future<HandOverResult> call : pending) {
            results.add(await(call));
        }
        return results;
    }

    void shutdown() {
        calls.shutdown();
    }

    private HandOverResult handOver(DispatchStore.Claimed row, SmsGateway gateway) {
        MDC.put(LogContext.MESSAGE_ID, row.id());
        try {
            return rules.beforeCall(row, gateway).orElseGet(() -> rules.afterCall(row, gateway, send(gateway, row)));
        } finally {
            MDC.remove(LogContext.MESSAGE_ID);
        }
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
