package io.comeback.enrollment;

import io.comeback.engine.run.FlowEvent;
import io.comeback.messaging.OptOutFollowUp;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells every running enrollment of a person who opted out, so each flow ends or branches as it says. */
@ApplicationScoped
public class OptOutsEndFlows implements OptOutFollowUp {

    private final EnrollmentSignals signals;

    public OptOutsEndFlows(EnrollmentSignals signals) {
        this.signals = signals;
    }

    @Override
    public void optedOut(long customerId) {
        signals.toRunningEnrollmentsOf(customerId, new FlowEvent.OptedOut());
    }
}
