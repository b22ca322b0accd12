package io.comeback.gateway.twilio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * What became of each Twilio webhook request, counted by webhook (status, inbound) and outcome: accepted,
 * signature_refused (403: not signed by our account, or webhooks not configured — a rising count is a
 * misconfigured URL or someone probing), invalid (422), failed (our error; Twilio retries). Every series exists
 * from the start, at 0.
 */
@ApplicationScoped
@Startup
public class WebhookOutcomes {

    /** The {@code webhook} tag. */
    enum Webhook {
        STATUS,
        INBOUND
    }

    /** The {@code outcome} tag. */
    enum Outcome {
        ACCEPTED,
        SIGNATURE_REFUSED,
        INVALID,
        FAILED;

        static Outcome of(Throwable error) {
            if (error instanceof CompletionException wrapped && wrapped.getCause() != null) {
                return of(wrapped.getCause());
            }
            if (error instanceof WebhookRefused refused) {
                return refused.status() == 403 ? SIGNATURE_REFUSED : INVALID;
            }
            return FAILED;
        }
    }

    private final Map<Webhook, Map<Outcome, Counter>> counters = new EnumMap<>(Webhook.class);

    public WebhookOutcomes(MeterRegistry metrics) {
        for (Webhook webhook : Webhook.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder("comeback.webhooks")
                                .tag("webhook", tag(webhook))
                                .tag("outcome", tag(outcome))
                                .description("Twilio webhook requests by outcome")
                                .register(metrics));
            }
            counters.put(webhook, byOutcome);
        }
    }

    void accepted(Webhook webhook) {
        counters.get(webhook).get(Outcome.ACCEPTED).increment();
    }

    void failed(Webhook webhook, Throwable error) {
        counters.get(webhook).get(Outcome.of(error)).increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
