package io.comeback.messaging;

import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.time.QuietHours;
import io.comeback.messaging.CapHistoryStore.History;
import io.comeback.messaging.compliance.ComplianceDecision;
import io.comeback.messaging.compliance.CompliancePolicy;
import io.comeback.messaging.compliance.ComplianceRequest;
import io.comeback.messaging.compliance.FlowCapRule;
import io.comeback.messaging.compliance.FrequencyCap;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

/**
 * One text against {@link CompliancePolicy}, new or released from hold, given the person's history: what
 * {@link ComplianceGate} asks of each text once it has read the histories, and the order a batch is judged in.
 */
final class ComplianceJudge {

    private final CompliancePolicy policy;

    ComplianceJudge(CompliancePolicy policy) {
        this.policy = policy;
    }

    /** The indexes 0 … size − 1, highest priority first; equal priorities keep their order. */
    static List<Integer> highestPriorityFirst(int size, IntUnaryOperator priority) {
        List<Integer> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -priority.applyAsInt(i)));
        return order;
    }

    /** How far back the history must reach: the longest of the global window and the flows' own caps. */
    static Duration window(Duration longest, Stream<FlowSettings> flows) {
        return flows.map(FlowSettings::frequencyCap)
                .flatMap(Optional::stream)
                .map(c -> c.per().approximate())
                .reduce(longest, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    SendGate.Verdict held(ComplianceGate.HeldText text, FlowSettings settings, History history) {
        return decide(
                text.phone(),
                text.zone(),
                text.consent(),
                text.marketing(),
                text.flowId(),
                text.enrollmentId(),
                settings,
                text.wantedAt(),
                history);
    }

    SendGate.Verdict request(SendGate.SendRequest request, History history) {
        return decide(
                request.customer().phone(),
                request.customer().timeZone(),
                request.customer().consent().yamlName(),
                request.send().messageKind() == MessageKind.MARKETING,
                request.flow().id(),
                request.enrollmentId(),
                request.flow().settings(),
                request.now(),
                history);
    }

    private SendGate.Verdict decide(
            String phone,
            ZoneId zone,
            String consent,
            boolean marketing,
            String flowId,
            long enrollmentId,
            FlowSettings settings,
            Instant wantedAt,
            History history) {
        if (phone == null || phone.isBlank()) {
            return new SendGate.Block(ComplianceGate.NO_PHONE);
        }
        if (history.unreachable()) {
            return new SendGate.Block(ComplianceGate.UNREACHABLE);
        }
        QuietHours quiet = settings.quietHours()
                .map(w -> new QuietHours(w.start(), w.end()))
                .orElse(QuietHours.NONE);
        ComplianceDecision decision = policy.decide(
                new ComplianceRequest(
                        phone,
                        zone,
                        consent,
                        marketing,
                        false,
                        flowId,
                        settings.priority(),
                        enrollmentId,
                        capRule(settings),
                        wantedAt),
                quiet,
                history.marketing());
        if (decision instanceof ComplianceDecision.Skip skip) {
            return new SendGate.Block(skip.reason());
        }
        if (decision instanceof ComplianceDecision.Defer defer) {
            return new SendGate.Allow(defer.until(), defer.reason());
        }
        return SendGate.Allow.now(((ComplianceDecision.Allow) decision).at());
    }

    private static FlowCapRule capRule(FlowSettings settings) {
        return settings.frequencyCap()
                .map(c -> new FlowCapRule(
                        Optional.of(new FrequencyCap(c.max(), c.per().approximate())),
                        c.skipWhenCapped(),
                        c.maxDelay().map(FlowDuration::approximate)))
                .orElse(FlowCapRule.NONE);
    }
}
