package io.comeback.testing;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.enrollment.WakeUpBatch;
import io.comeback.flows.FlowVersions;
import io.comeback.gateway.simulator.SimulatorReceipts;
import io.comeback.messaging.Dispatcher;
import io.comeback.messaging.DispatcherSteps;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drives the runtime by hand under {@link ManualRuntimeProfile}, one step at a time, as its background loops would:
 * register flows, enroll, run what is due, move the clock. Nothing happens between two steps, so a test asserts
 * that nothing happened right after the step that could have done it, instead of waiting to see.
 */
public final class RuntimeDriver {

    private final AgroalDataSource dataSource;
    private final FlowVersions versions;
    private final WakeUpBatch batch;
    private final Dispatcher dispatcher;
    private final SimulatorReceipts receipts;

    /** The service's own beans (call it in a {@code @QuarkusTest}). */
    public RuntimeDriver() {
        this.dataSource = bean(AgroalDataSource.class);
        this.versions = bean(FlowVersions.class);
        this.batch = bean(WakeUpBatch.class);
        this.dispatcher = bean(Dispatcher.class);
        this.receipts = bean(SimulatorReceipts.class);
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }

    /** Stores a flow as a version of its own, as the catalog would when it loads the file. */
    public Flow register(String source) {
        Flow flow = new FlowValidator().validate(source).flow().orElseThrow(() -> new AssertionError("invalid flow"));
        versions.remember(flow, source);
        return flow;
    }

    /** An enrollment due at {@code at}, written as an entry would write it. */
    public long enroll(Flow flow, long customerId, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, next_wake_at, entered_at)
                VALUES (?, ?, ?, 'new', ?, ?) RETURNING id""")) {
            st.setString(1, flow.id());
            st.setString(2, flow.version());
            st.setLong(3, customerId);
            st.setTimestamp(4, Timestamp.from(at));
            st.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every wake-up due now, then every text due now, as the wake-up workers and the dispatcher would. */
    public void runDue() {
        Instant now = TestClockProducer.CLOCK.instant();
        while (batch.run(now, 1000).claimed() > 0) {
            // until no enrollment is due
        }
        while (Duration.ZERO.equals(DispatcherSteps.dispatchBatch(dispatcher))) {
            // until no text is due
        }
    }

    /** The simulator's delivery receipts due now. */
    public void deliverReceipts() {
        while (receipts.deliverDue() > 0) {
            // until no receipt is due
        }
    }

    /** How long after a send the simulator delivers its receipt ({@code comeback.simulator.receipt-delay}). */
    public Duration receiptDelay() {
        return ConfigProvider.getConfig().getValue("comeback.simulator.receipt-delay", Duration.class);
    }

    /** Moves the clock on by {@code duration}, then runs what is due: wake-ups, texts, receipts. */
    public void advance(Duration duration) {
        TestClockProducer.CLOCK.advance(duration);
        runDue();
        deliverReceipts();
    }

    /** Moves the clock to {@code until} in steps, running what is due at each. */
    public void stepTo(Instant until, Duration step) {
        runDue();
        while (TestClockProducer.CLOCK.instant().isBefore(until)) {
            Instant next = TestClockProducer.CLOCK.instant().plus(step);
            TestClockProducer.CLOCK.setTo(next.isAfter(until) ? until : next);
            runDue();
        }
    }
}
