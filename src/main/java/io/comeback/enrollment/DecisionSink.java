package io.comeback.enrollment;

import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import io.comeback.messaging.LedgerRow;
import io.comeback.messaging.SendGate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one batch's decisions into writes: sends pass the compliance gate and become ledger rows,
 * {@code set} steps become customer writes. Timers and exits are carried by the enrollment row itself.
 */
final class DecisionSink {

    private final SendGate gate;
    private final Instant now;
    final List<LedgerRow> ledgerRows = new ArrayList<>();
    final CustomerWrites customerWrites = new CustomerWrites();

    DecisionSink(SendGate gate, Instant now) {
        this.gate = gate;
        this.now = now;
    }

    void accept(ClaimedEnrollment row, Flow flow, CustomerView customer, List<Decision> decisions) {
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Send send) {
                ledgerRows.add(ledgerRow(row, flow, customer, send));
            } else if (decision instanceof Decision.SetAttribute set) {
                customerWrites.attribute(row.customerId(), set.name(), set.value());
            } else if (decision instanceof Decision.AddTag add) {
                customerWrites.addTag(row.customerId(), add.tag());
            } else if (decision instanceof Decision.RemoveTag remove) {
                customerWrites.removeTag(row.customerId(), remove.tag());
            }
        }
    }

    private LedgerRow ledgerRow(ClaimedEnrollment row, Flow flow, CustomerView customer, Decision.Send send) {
        SendGate.Verdict verdict = gate.check(new SendGate.SendRequest(row.id(), row.customerId(), flow, customer, send, now));
        String status = "pending";
        String reason = null;
        Instant notBefore = now;
        if (verdict instanceof SendGate.Block block) {
            status = "blocked";
            reason = block.reason();
        } else if (verdict instanceof SendGate.Allow allow) {
            notBefore = allow.notBefore();
            reason = allow.reason();
        }
        return new LedgerRow(row.id(), send.ledgerKey(), row.customerId(), flow.id(), flow.version(), send.stepId(),
                customer.phone(), send.text(), send.messageKind().yamlName(), send.locale(),
                send.segments() == null ? null : send.segments().segments(),
                send.segments() == null ? null : send.segments().encoding().name().toLowerCase(java.util.Locale.ROOT),
                send.couponCode(), status, reason, notBefore, now);
    }
}
