package io.comeback.enrollment;

import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import io.comeback.messaging.LedgerRow;
import io.comeback.messaging.SendGate;
import io.comeback.messaging.SendWindow;

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
    private final List<SendGate.SendRequest> sends = new ArrayList<>();
    final CustomerWrites customerWrites = new CustomerWrites();

    DecisionSink(SendGate gate, Instant now) {
        this.gate = gate;
        this.now = now;
    }

    void accept(ClaimedEnrollment row, Flow flow, CustomerView customer, List<Decision> decisions) {
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Send send) {
                sends.add(new SendGate.SendRequest(row.id(), row.customerId(), flow, customer, send, now));
            } else if (decision instanceof Decision.SetAttribute set) {
                customerWrites.attribute(row.customerId(), set.name(), set.value());
            } else if (decision instanceof Decision.AddTag add) {
                customerWrites.addTag(row.customerId(), add.tag());
            } else if (decision instanceof Decision.RemoveTag remove) {
                customerWrites.removeTag(row.customerId(), remove.tag());
            }
        }
    }

    /** The batch's sends as ledger rows, judged by the gate all at once (one look-up per batch, not per send). */
    List<LedgerRow> ledgerRows() {
        List<SendGate.Verdict> verdicts = gate.checkAll(sends);
        List<LedgerRow> rows = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            rows.add(ledgerRow(sends.get(i), verdicts.get(i)));
        }
        return rows;
    }

    private LedgerRow ledgerRow(SendGate.SendRequest request, SendGate.Verdict verdict) {
        Decision.Send send = request.send();
        Flow flow = request.flow();
        String status = "pending";
        String reason = null;
        Instant notBefore = now;
        SendWindow window = null;
        if (verdict instanceof SendGate.Block block) {
            status = "blocked";
            reason = block.reason();
        } else if (verdict instanceof SendGate.Allow allow) {
            notBefore = allow.notBefore();
            reason = allow.reason();
            window = SendWindow.forSend(request, notBefore);
        }
        return new LedgerRow(request.enrollmentId(), send.ledgerKey(), request.customerId(), flow.id(), flow.version(),
                send.stepId(), request.customer().phone(), send.text(), send.messageKind().yamlName(), send.locale(),
                send.segments() == null ? null : send.segments().segments(),
                send.segments() == null ? null : send.segments().encoding().name().toLowerCase(java.util.Locale.ROOT),
                send.couponCode(), status, reason, notBefore, now, window);
    }
}
