package io.comeback.enrollment;

import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import io.comeback.engine.text.SmsSegments;
import io.comeback.messaging.LedgerRow;
import io.comeback.messaging.LedgerStatus;
import io.comeback.messaging.SegmentCap;
import io.comeback.messaging.SendGate;
import io.comeback.messaging.SendWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one batch's decisions into writes, kept per enrollment so that an enrollment set aside takes
 * only its own writes with it: sends pass the compliance gate and become ledger rows, {@code set} steps
 * become customer writes. Timers and exits are carried by the enrollment row itself. A text longer than
 * its flow's {@code max_segments} never reaches the gate: it is written as {@code refused} with the reason.
 * A text the gate lets through for an enrollment that waits for an approval is written
 * {@code awaiting_approval} instead of {@code pending}: the dispatcher never claims it until it is approved.
 */
final class BatchDecisions {

    /** How much of a refused text the ledger keeps: enough to recognise it, never megabytes. */
    private static final int KEPT_OF_REFUSED = 1600;

    private final SendGate gate;
    private final Instant now;
    private final Map<Long, List<SendGate.SendRequest>> sends = new LinkedHashMap<>();
    private final Map<Long, List<LedgerRow>> ledger = new HashMap<>();
    private final Map<Long, CustomerChanges> customerWrites = new HashMap<>();
    private final java.util.Set<Long> awaitingApproval = new java.util.HashSet<>();

    BatchDecisions(SendGate gate, Instant now) {
        this.gate = gate;
        this.now = now;
    }

    void accept(ClaimedEnrollment row, Flow flow, CustomerView customer, List<Decision> decisions) {
        if (row.awaitingApproval()) {
            awaitingApproval.add(row.id());
        }
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Send send) {
                SendGate.SendRequest request =
                        new SendGate.SendRequest(row.id(), row.customerId(), flow, customer, send, now);
                SmsSegments.SegmentCount count = segments(send);
                int max = flow.settings().maxSegments();
                Optional<String> refusal =
                        SegmentCap.refusal(send.text(), count, max, "max_segments " + max + " of flow " + flow.id());
                if (refusal.isPresent()) {
                    // Refused before the gate, so a text that never leaves takes no room under the caps.
                    ledger.computeIfAbsent(row.id(), k -> new ArrayList<>())
                            .add(refused(request, count, refusal.get()));
                } else {
                    sends.computeIfAbsent(row.id(), k -> new ArrayList<>()).add(request);
                }
            } else if (decision instanceof Decision.SetAttribute set) {
                writes(row.id()).attribute(row.customerId(), set.name(), set.value());
            } else if (decision instanceof Decision.AddTag add) {
                writes(row.id()).addTag(row.customerId(), add.tag());
            } else if (decision instanceof Decision.RemoveTag remove) {
                writes(row.id()).removeTag(row.customerId(), remove.tag());
            }
        }
    }

    /**
     * Judges the batch's sends all at once (one history look-up per batch, not per send). Should the gate
     * throw on something in the data rather than the database, each customer's sends are judged on their
     * own (a person's texts are judged together, as the caps need), and the enrollments of a customer the
     * gate still cannot judge are returned to be set aside, without ledger rows.
     */
    List<WakeUpStore.Failure> judge() {
        List<SendGate.SendRequest> all =
                sends.values().stream().flatMap(List::stream).toList();
        try {
            addLedgerRows(all, gate.checkAll(all));
            return List.of();
        } catch (RuntimeException e) {
            if (RowFaults.isDatabaseTrouble(e)) {
                throw e;
            }
        }
        Map<Long, List<SendGate.SendRequest>> byCustomer = new LinkedHashMap<>();
        all.forEach(r -> byCustomer
                .computeIfAbsent(r.customerId(), k -> new ArrayList<>())
                .add(r));
        List<WakeUpStore.Failure> failures = new ArrayList<>();
        for (List<SendGate.SendRequest> requests : byCustomer.values()) {
            try {
                addLedgerRows(requests, gate.checkAll(requests));
            } catch (RuntimeException e) {
                if (RowFaults.isDatabaseTrouble(e)) {
                    throw e;
                }
                requests.stream()
                        .map(r -> WakeUpStore.Failure.of(
                                r.enrollmentId(), r.flow().id(), e))
                        .distinct()
                        .forEach(failures::add);
            }
        }
        return failures;
    }

    /** Forgets what an enrollment set aside had added. */
    void discard(long enrollmentId) {
        sends.remove(enrollmentId);
        ledger.remove(enrollmentId);
        customerWrites.remove(enrollmentId);
    }

    /** True when the enrollment wrote a text that waits for approval (it is then parked until the decision). */
    boolean wroteAwaiting(long enrollmentId) {
        return ledgerRows(enrollmentId).stream()
                .anyMatch(r -> LedgerStatus.AWAITING_APPROVAL.wire().equals(r.status()));
    }

    List<LedgerRow> ledgerRows(long enrollmentId) {
        return ledger.getOrDefault(enrollmentId, List.of());
    }

    CustomerChanges customerWrites(long enrollmentId) {
        return customerWrites.getOrDefault(enrollmentId, CustomerChanges.NONE);
    }

    private CustomerChanges writes(long enrollmentId) {
        return customerWrites.computeIfAbsent(enrollmentId, k -> new CustomerChanges());
    }

    private void addLedgerRows(List<SendGate.SendRequest> requests, List<SendGate.Verdict> verdicts) {
        for (int i = 0; i < requests.size(); i++) {
            SendGate.SendRequest request = requests.get(i);
            ledger.computeIfAbsent(request.enrollmentId(), k -> new ArrayList<>())
                    .add(ledgerRow(request, verdicts.get(i)));
        }
    }

    private static SmsSegments.SegmentCount segments(Decision.Send send) {
        return send.segments() != null ? send.segments() : SmsSegments.count(send.text());
    }

    private LedgerRow ledgerRow(SendGate.SendRequest request, SendGate.Verdict verdict) {
        String status = LedgerStatus.PENDING.wire();
        String reason = null;
        Instant notBefore = now;
        SendWindow window = null;
        if (verdict instanceof SendGate.Block block) {
            status = LedgerStatus.BLOCKED.wire();
            reason = block.reason();
        } else if (verdict instanceof SendGate.Allow allow) {
            if (awaitingApproval.contains(request.enrollmentId())) {
                status = LedgerStatus.AWAITING_APPROVAL.wire();
            }
            notBefore = allow.notBefore();
            reason = allow.reason();
            window = SendWindow.forSend(request, notBefore);
        }
        return row(request, request.send().text(), segments(request.send()), status, reason, null, notBefore, window);
    }

    private LedgerRow refused(SendGate.SendRequest request, SmsSegments.SegmentCount count, String reason) {
        return row(
                request,
                kept(request.send().text()),
                count,
                LedgerStatus.REFUSED.wire(),
                reason,
                SegmentCap.ERROR_CODE,
                now,
                null);
    }

    private static String kept(String body) {
        if (body.length() <= KEPT_OF_REFUSED) {
            return body;
        }
        int end = Character.isHighSurrogate(body.charAt(KEPT_OF_REFUSED - 1)) ? KEPT_OF_REFUSED - 1 : KEPT_OF_REFUSED;
        return body.substring(0, end) + "…";
    }

    private LedgerRow row(
            SendGate.SendRequest request,
            String body,
            SmsSegments.SegmentCount count,
            String status,
            String reason,
            String errorCode,
            Instant notBefore,
            SendWindow window) {
        Decision.Send send = request.send();
        Flow flow = request.flow();
        return new LedgerRow(
                request.enrollmentId(),
                send.ledgerKey(),
                request.customerId(),
                flow.id(),
                flow.version(),
                send.stepId(),
                request.customer().phone(),
                body,
                send.messageKind().yamlName(),
                send.locale(),
                count.segments(),
                count.encoding().name().toLowerCase(Locale.ROOT),
                send.couponCode(),
                status,
                reason,
                errorCode,
                notBefore,
                now,
                window);
    }
}
