package io.comeback.messaging;

import io.comeback.messaging.port.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counters of what became of the texts this replica handled: hand-overs by outcome (accepted by the provider,
 * refused, in doubt, to be retried), deferrals past quiet hours, and delivery receipts by status. Every series
 * exists from the start (at 0), so alert expressions and dashboards find them before the first text.
 */
@ApplicationScoped
@Startup
public class SendMetrics {

    /** The {@code outcome} tag of {@code comeback_texts_sent_total}. */
    enum HandOver {
        ACCEPTED,
        REFUSED,
        UNKNOWN,
        RETRY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A recorded outcome's status: refused, unknown, pending again (a retry), else a provider's status. */
        static HandOver of(DispatchOutcome outcome) {
            return LedgerStatus.fromWire(outcome.status())
                    .map(status -> switch (status) {
                        case REFUSED -> REFUSED;
                        case UNKNOWN -> UNKNOWN;
                        case PENDING -> RETRY;
                        default -> ACCEPTED;
                    })
                    .orElse(ACCEPTED);
        }
    }

    private final Map<HandOver, Counter> sent = new EnumMap<>(HandOver.class);
    private final Counter deferred;
    private final Map<DeliveryStatus, Counter> receipts = new EnumMap<>(DeliveryStatus.class);

    public SendMetrics(MeterRegistry metrics) {
        for (HandOver outcome : HandOver.values()) {
            sent.put(
                    outcome,
                    Counter.builder("comeback.texts.sent")
                            .tag("outcome", outcome.tag())
                            .description("texts handed to the gateway, by what it answered (refused: the provider will"
                                    + " not send it; unknown: in doubt, reconciled; retry: refused for now, tried"
                                    + " again)")
                            .register(metrics));
        }
        deferred = Counter.builder("comeback.texts.deferred")
                .tag("reason", "quiet_hours")
                .description("texts held back because their send window closed before they left")
                .register(metrics);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            receipts.put(
                    status,
                    Counter.builder("comeback.receipts")
                            .tag("status", status.wire())
                            .description("delivery receipts applied, by status")
                            .register(metrics));
        }
    }

    void dispatched(List<DispatchOutcome> outcomes, int deferrals) {
        for (DispatchOutcome outcome : outcomes) {
            sent.get(HandOver.of(outcome)).increment();
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
