package io.comeback.gateway.simulator;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code comeback.simulator.*}: the built-in gateway. Defaults are in application.properties. */
@ConfigMapping(prefix = "comeback.simulator")
public interface SimulatorConfig {

    /** Delay of the simulator's delivery receipts. */
    Duration receiptDelay();

    /** How often due receipts are sent. */
    Duration receiptPollInterval();

    /** {@code true}: a dispatch batch is one request; {@code false}: one request per message, as Twilio. */
    boolean batchRequests();

    /**
     * How long the answer to a send takes to come back (the message is the simulator's already), like a real
     * provider's round trip; zero answers at once.
     */
    Duration latency();
}
