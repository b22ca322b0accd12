package io.comeback.messaging;

import io.comeback.messaging.port.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of what became of the texts this replica handled: hand-overs by outcome (accepted by the provider,
 * refused, in doubt, to be retried), deferrals past quiet hours, and delivery receipts by status. Every series
 * exists from the start (at 0), so alert expressions and dashboards find them before the first text.
 */
@ApplicationScoped
@Startup
public class SendMetrics {

    private final Counter accepted;
    private final Counter refused;
    private final Counter unknown;
    private final Counter retry;
    private final Counter deferred;
    private final Map<DeliveryStatus, Counter> receipts = new EnumMap<>(DeliveryStatus.class);

    public SendMetrics(MeterRegistry metrics) {
        accepted = sent(metrics, "accepted");
        refused = sent(metrics, "refused");
        unknown = sent(metrics, "unknown");
        retry = sent(metrics, "retry");
        deferred = Counter.builder("comeback.texts.deferred").tag("reason", "quiet_hours")
                .description("texts held back because their send window closed before they left").register(metrics);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            receipts.put(status, Counter.builder("comeback.receipts").tag("status", status.wire())
                    .description("delivery receipts applied, by status").register(metrics));
        }
    }

    private static Counter sent(MeterRegistry metrics, String outcome) {
        return Counter.builder("comeback.texts.sent").tag("outcome", outcome)
                .description("texts handed to the gateway, by what it answered (refused: the provider will not send it;"
                        + " unknown: in doubt, reconciled; retry: refused for now, tried again)").register(metrics);
    }

    void dispatched(List<DispatchOutcome> outcomes, int deferrals) {
        for (DispatchOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case "refused" -> refused.increment();
                case "unknown" -> unknown.increment();
                case "pending" -> retry.increment();
                default -> accepted.increment();
            }
        }
        deferred.increment(deferrals);
    }

    void receipts(List<StatusUpdate> updates) {
        for (StatusUpdate update : updates) {
            Counter counter = receipts.get(update.status());
            if (counter != null) {
                counter.increment();
            }
        }
    }
}
