package io.comeback.messaging.compliance;

import java.time.Instant;

/** The gate's answer for one text. Every deferral and skip carries the reason recorded on the ledger. */
public sealed interface ComplianceDecision {

    record Allow(Instant at) implements ComplianceDecision {}

    record Defer(Instant until, String reason) implements ComplianceDecision {}

    record Skip(String reason) implements ComplianceDecision {}
}
