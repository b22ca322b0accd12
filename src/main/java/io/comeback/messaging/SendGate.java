package io.comeback.messaging;

import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import java.time.Instant;
import java.util.List;

/**
 * The compliance gate: every send decision passes it before it becomes an outbound ledger row.
 * {@link ComplianceGate} implements it (consent, unreachable numbers, quiet hours, frequency caps).
 */
public interface SendGate {

    /** One send the interpreter decided on, with what the gate may need to judge it. */
    record SendRequest(
            long enrollmentId, long customerId, Flow flow, CustomerView customer, Decision.Send send, Instant now) {}

    sealed interface Verdict {}

    /** Send from {@code notBefore} on (now, or later when held by a rule; {@code reason} says which). */
    record Allow(Instant notBefore, String reason) implements Verdict {
        public static Allow now(Instant now) {
            return new Allow(now, null);
        }
    }

    /** Never send; the ledger row is written as {@code blocked} with the reason, so nothing is silently lost. */
    record Block(String reason) implements Verdict {}

    Verdict check(SendRequest request);

    /** The verdicts for a batch, in order; gates that read history override it to read once per batch. */
    default List<Verdict> checkAll(List<SendRequest> requests) {
        return requests.stream().map(this::check).toList();
    }
}
