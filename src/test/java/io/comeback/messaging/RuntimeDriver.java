package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.flows.FlowVersions;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.testing.TestClockProducer;

import java.time.Duration;
import java.time.Instant;

/** Drives the runtime by hand under {@code ManualRuntimeProfile}: register flows, enroll, step the clock. */
final class RuntimeDriver {

    private final Ledger ledger;
    private final FlowVersions versions;
    private final WakeUpBatch batch;
    private final Dispatcher dispatcher;

    RuntimeDriver(AgroalDataSource dataSource, FlowVersions versions, WakeUpBatch batch, Dispatcher dispatcher) {
        this.ledger = new Ledger(dataSource);
        this.versions = versions;
        this.batch = batch;
        this.dispatcher = dispatcher;
    }

    Flow register(String source) {
        Flow flow = new FlowValidator().validate(source).flow().orElseThrow(() -> new AssertionError("invalid flow"));
        versions.remember(flow, source);
        return flow;
    }

    long enroll(Flow flow, long customerId, Instant at) {
        return ledger.single("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, next_wake_at, entered_at)
                VALUES (?, ?, ?, 'new', ?, ?) RETURNING id""", flow.id(), flow.version(), customerId,
                java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    /** Every wake-up due now, then every text due now, as the background loops would. */
    void runDue() {
        Instant now = TestClockProducer.CLOCK.instant();
        while (batch.run(now, 1000).claimed() > 0) {
            // until no enrollment is due
        }
        while (java.time.Duration.ZERO.equals(dispatcher.dispatchBatch())) {
            // until no text is due
        }
    }

    /** Moves the clock to {@code until} in steps, running what is due at each. */
    void stepTo(Instant until, Duration step) {
        runDue();
        while (TestClockProducer.CLOCK.instant().isBefore(until)) {
            Instant next = TestClockProducer.CLOCK.instant().plus(step);
            TestClockProducer.CLOCK.setTo(next.isAfter(until) ? until : next);
            runDue();
        }
    }
}
