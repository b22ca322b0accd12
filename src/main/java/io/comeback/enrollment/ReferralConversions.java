package io.comeback.enrollment;

import io.comeback.audience.AudienceEvents;
import io.comeback.audience.referrals.Referrals;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Variables;
import io.comeback.flows.FlowCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A referred customer's first order, inside the order's transaction: converts their referral (once — the referral row
 * is updated only while it has not converted) and enters the referrer into every {@code referral_converted} flow, so
 * a referrer is rewarded once per friend however often the order or later orders arrive.
 */
@ApplicationScoped
public class ReferralConversions {

    private final Referrals referrals;
    private final FlowCatalog catalog;
    private final Enrollments enrollments;
    private final WakeUpWorkers workers;

    public ReferralConversions(
            Referrals referrals, FlowCatalog catalog, Enrollments enrollments, WakeUpWorkers workers) {
        this.referrals = referrals;
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.workers = workers;
    }

    void onOrderPlaced(@Observes AudienceEvents.OrderPlaced order) {
        Optional<Referrals.Converted> converted = referrals.convert(order.customerId(), order.placedAt());
        if (converted.isEmpty()) {
            return;
        }
        Map<String, String> variables = new HashMap<>();
        if (converted.get().referredFirstName() != null) {
            variables.put(Variables.REFERRED_FIRST_NAME, converted.get().referredFirstName());
        }
        boolean entered = false;
        for (Flow flow : catalog.activeWith(Trigger.ReferralConverted.class)) {
            enrollments.enter(
                    flow.id(), converted.get().referrerId(), TriggerContext.of(variables), "referral_converted");
            entered = true;
        }
        if (entered) {
            workers.nudge();
        }
    }
}
