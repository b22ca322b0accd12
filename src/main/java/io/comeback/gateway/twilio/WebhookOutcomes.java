package io.comeback.gateway.twilio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * What became of each Twilio webhook request, counted by webhook (status, inbound) and outcome: accepted,
 * signature_refused (403: not signed by our account, or webhooks not configured — a rising count is a
 * misconfigured URL or someone probing), invalid (422), failed (our error; Twilio retries). Every series exists
 * from the start, at 0.
 */
@ApplicationScoped
@Startup
public class WebhookOutcomes {

    static final String STATUS = "status";
    static final String INBOUND = "inbound";
    private static final String[] OUTCOMES = {"accepted", "signature_refused", "invalid", "failed"};

    private final Map<String, Counter> counters = new HashMap<>();

    public WebhookOutcomes(MeterRegistry metrics) {
        for (String webhook : new String[] {STATUS, INBOUND}) {
            for (String outcome : OUTCOMES) {
                counters.put(webhook + "/" + outcome, Counter.builder("comeback.webhooks").tag("webhook", webhook)
                        .tag("outcome", outcome).description("Twilio webhook requests by outcome").register(metrics));
            }
        }
    }

    void accepted(String webhook) {
        counters.get(webhook + "/accepted").increment();
    }

    void failed(String webhook, Throwable error) {
        String outcome = error instanceof WebhookRefused refused ? (refused.status() == 403 ? "signature_refused" : "invalid") : "failed";
        counters.get(webhook + "/" + outcome).increment();
    }
}
