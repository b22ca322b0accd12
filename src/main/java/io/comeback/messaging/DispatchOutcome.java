package io.comeback.messaging;

import io.comeback.messaging.port.SendOutcome;
import java.time.Instant;

/** What to record on a ledger row after its gateway call. {@code notBefore} is set only for a retry. */
record DispatchOutcome(
        long id,
        String status,
        String gateway,
        String providerMessageId,
        String errorCode,
        String reason,
        Instant notBefore) {

    /** The provider took it: its status and id from now on. */
    static DispatchOutcome accepted(long id, String gateway, SendOutcome.Accepted accepted) {
        return new DispatchOutcome(
                id, accepted.status().wire(), gateway, accepted.providerMessageId(), null, null, null);
    }

    /** The provider certainly did not take it: pending again from {@code retryAt}. */
    static DispatchOutcome retry(long id, String gateway, SendOutcome.Refused refused, Instant retryAt) {
        return new DispatchOutcome(
                id,
                LedgerStatus.PENDING.wire(),
                gateway,
                null,
                refused.errorCode(),
                "retry: " + refused.detail(),
                retryAt);
    }

    static DispatchOutcome refused(long id, String gateway, SendOutcome.Refused refused) {
        return new DispatchOutcome(
                id, LedgerStatus.REFUSED.wire(), gateway, null, refused.errorCode(), refused.detail(), null);
    }

    /** Nobody knows whether the provider took it: reconciliation asks the provider. */
    static DispatchOutcome unknown(long id, String gateway, SendOutcome.Indeterminate unknown) {
        return new DispatchOutcome(id, LedgerStatus.UNKNOWN.wire(), gateway, null, null, unknown.detail(), null);
    }
}
