package io.comeback.messaging;

import java.time.Instant;

/** What to record on a ledger row after its gateway call. {@code notBefore} is set only for a retry. */
record DispatchOutcome(long id, String status, String gateway, String providerMessageId, String errorCode,
                       String reason, Instant notBefore) {
}
