package io.comeback.messaging;

/** Where gateways hand delivery receipts; applied idempotently, statuses only move forward. */
public interface StatusUpdateSink {
    void apply(StatusUpdate update);
}
