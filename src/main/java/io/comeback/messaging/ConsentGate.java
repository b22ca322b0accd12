package io.comeback.messaging;

import io.comeback.engine.model.ConsentStatus;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pass-through gate: marketing needs a current opt-in, and there must be a number to text.
 * Transactional texts (about the customer's own order) pass without marketing consent.
 */
@ApplicationScoped
@DefaultBean
public class ConsentGate implements SendGate {

    public static final String NO_PHONE = "no_phone";
    public static final String NO_MARKETING_CONSENT = "no_marketing_consent";

    @Override
    public Verdict check(SendRequest request) {
        if (request.customer().phone() == null || request.customer().phone().isBlank()) {
            return new Block(NO_PHONE);
        }
        if (request.flow().settings().isMarketing() && request.customer().consent() != ConsentStatus.OPTED_IN) {
            return new Block(NO_MARKETING_CONSENT);
        }
        return Allow.now(request.now());
    }
}
