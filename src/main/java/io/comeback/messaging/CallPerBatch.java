package io.comeback.messaging;

import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.messaging.port.SmsGateway;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The rows that may leave, handed over in one request; the same rules before and after as {@link CallPerRow}. */
final class CallPerBatch implements GatewayCalls {

    private static final Logger LOG = Logger.getLogger(CallPerBatch.class);

    private final HandOverRules rules;

    CallPerBatch(HandOverRules rules) {
        this.rules = rules;
    }

    @Override
    public List<HandOverResult> handOver(List<DispatchStore.Claimed> rows, SmsGateway gateway) {
        HandOverResult[] results = new HandOverResult[rows.size()];
        List<Integer> leaving = new ArrayList<>(rows.size());
        List<OutgoingSms> messages = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DispatchStore.Claimed row = rows.get(i);
            Optional<HandOverResult> settled = rules.beforeCall(row, gateway);
            if (settled.isPresent()) {
                results[i] = settled.get();
            } else {
                leaving.add(i);
                messages.add(row.message());
            }
        }
        List<SendOutcome> sent = sendAll(gateway, messages);
        for (int k = 0; k < leaving.size(); k++) {
            int i = leaving.get(k);
            results[i] = rules.afterCall(rows.get(i), gateway, sent.get(k));
        }
        return Arrays.asList(results);
    }

    private static List<SendOutcome> sendAll(SmsGateway gateway, List<OutgoingSms> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        try {
            List<SendOutcome> outcomes = gateway.sendAll(messages);
            if (outcomes.size() != messages.size()) {
                throw new IllegalStateException(outcomes.size() + " outcomes for " + messages.size() + " messages");
            }
            return outcomes;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Gateway %s threw for a batch of %d messages", gateway.name(), messages.size());
            SendOutcome unknown = new SendOutcome.Indeterminate("gateway threw " + e);
            return messages.stream().map(m -> unknown).toList();
        }
    }
}
