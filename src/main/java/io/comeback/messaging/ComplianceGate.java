package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.time.QuietHours;
import io.comeback.flows.FlowVersions;
import io.comeback.messaging.CapHistoryStore.History;
import io.comeback.messaging.compliance.ComplianceDecision;
import io.comeback.messaging.compliance.CompliancePolicy;
import io.comeback.messaging.compliance.ComplianceRequest;
import io.comeback.messaging.compliance.FlowCapRule;
import io.comeback.messaging.compliance.FrequencyCap;
import io.comeback.messaging.compliance.PlannedText;
import io.comeback.messaging.compliance.ReleaseRamp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compliance gate in front of the outbound ledger: {@link CompliancePolicy} (consent, quiet hours
 * with a release ramp, global and per-flow frequency caps, flow priority) fed with what the database
 * knows about the person — their marketing texts of the longest cap window (sent or waiting, with each
 * text's flow and that flow's priority), and whether their number is known to be unreachable.
 */
@ApplicationScoped
public class ComplianceGate implements SendGate {

    public static final String NO_PHONE = "no_phone";
    public static final String UNREACHABLE = "unreachable_number";

    private final AgroalDataSource dataSource;
    private final FlowVersions versions;
    private final CompliancePolicy policy;
    private final Duration longestWindow;

    public ComplianceGate(
            AgroalDataSource dataSource, FlowVersions versions, CapsConfig caps, QuietHoursConfig quietHours) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.policy = new CompliancePolicy(
                List.of(
                        new FrequencyCap(caps.per30Days(), Duration.ofDays(30)),
                        new FrequencyCap(caps.perDay(), Duration.ofDays(1))),
                new ReleaseRamp(quietHours.ramp()),
                caps.maxDelay());
        this.longestWindow = Duration.ofDays(30);
    }

    @Override
    public Verdict check(SendRequest request) {
        return checkAll(List.of(request)).get(0);
    }

    /**
     * Judges a batch. A person's requests are judged highest flow priority first, and each text let
     * through joins that person's history before the next is judged: when two flows want the same
     * person in one batch and the caps leave room for one, the higher-priority flow goes and the other
     * is deferred (or skipped) with the reason naming the flow that went first.
     */
    @Override
    public List<Verdict> checkAll(List<SendRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant now = requests.get(0).now();
        // A flow's own cap may count further back than the global 30 days.
        Duration window = requests.stream()
                .map(r -> r.flow().settings().frequencyCap())
                .flatMap(Optional::stream)
                .map(c -> c.per().approximate())
                .reduce(longestWindow, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        Map<Long, History> histories = histories(
                requests.stream().map(SendRequest::customerId).distinct().toList(), now, window, Set.of());
        List<Integer> order = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(
                (Integer i) -> -requests.get(i).flow().settings().priority()));
        Verdict[] verdicts = new Verdict[requests.size()];
        for (int i : order) {
            SendRequest request = requests.get(i);
            History history = histories.computeIfAbsent(request.customerId(), id -> History.none());
            Verdict verdict = judge(request, history);
            verdicts[i] = verdict;
            if (verdict instanceof Allow allow && request.send().messageKind() == MessageKind.MARKETING) {
                history.marketing()
                        .add(new PlannedText(
                                request.enrollmentId(),
                                request.flow().id(),
                                request.flow().settings().priority(),
                                allow.notBefore()));
            }
        }
        return Arrays.asList(verdicts);
    }

    /**
     * A text written earlier and held back since (its flow was paused, or it waited for an approval), to be
     * judged again when it is released: the caps and quiet hours of the moment of release, not of when it was
     * written.
     *
     * @param wantedAt the earliest it may leave now: its old {@code not_before}, or the release time if later
     */
    public record HeldText(
            long id,
            long enrollmentId,
            long customerId,
            String flowId,
            String flowVersion,
            String phone,
            ZoneId zone,
            String consent,
            boolean marketing,
            Instant wantedAt) {}

    /**
     * Judges held texts again as they are released, as {@link #checkAll} judges new ones: highest flow priority
     * first, each text let through joining the person's history before the next is judged. The held texts
     * themselves are left out of the history (their old times no longer hold). A text whose flow version is
     * gone is blocked.
     *
     * @return the verdicts, in order: Allow from when it may leave (with the rule that moved it), or Block
     */
    public List<Verdict> recheck(List<HeldText> texts, Instant now) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Optional<Flow>> flows = texts.stream()
                .map(t -> versions.resolve(t.flowId(), t.flowVersion()))
                .toList();
        Duration window = flows.stream()
                .flatMap(Optional::stream)
                .map(f -> f.settings().frequencyCap())
                .flatMap(Optional::stream)
                .map(c -> c.per().approximate())
                .reduce(longestWindow, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        Set<Long> released = texts.stream().map(HeldText::id).collect(Collectors.toSet());
        Map<Long, History> histories =
                histories(texts.stream().map(HeldText::customerId).distinct().toList(), now, window, released);
        List<Integer> order = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(
                (Integer i) -> -flows.get(i).map(f -> f.settings().priority()).orElse(FlowSettings.DEFAULT_PRIORITY)));
        Verdict[] verdicts = new Verdict[texts.size()];
        for (int i : order) {
            HeldText text = texts.get(i);
            if (flows.get(i).isEmpty()) {
                verdicts[i] = new Block("flow version " + text.flowVersion() + " of " + text.flowId() + " is unknown");
                continue;
            }
            FlowSettings settings = flows.get(i).get().settings();
            History history = histories.computeIfAbsent(text.customerId(), id -> History.none());
            Verdict verdict = judgeHeld(text, settings, history);
            verdicts[i] = verdict;
            if (verdict instanceof Allow allow && text.marketing()) {
                history.marketing()
                        .add(new PlannedText(
                                text.enrollmentId(), text.flowId(), settings.priority(), allow.notBefore()));
            }
        }
        return Arrays.asList(verdicts);
    }

    /** The quiet hours of a stored flow version (none when it is unknown). */
    QuietHours quietHoursOf(String flowId, String version) {
        return versions.resolve(flowId, version).map(SendWindow::quietHoursOf).orElse(QuietHours.NONE);
    }

    private Verdict judgeHeld(HeldText text, FlowSettings settings, History history) {
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

    private Verdict judge(SendRequest request, History history) {
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

    private Verdict decide(
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
            return new Block(NO_PHONE);
        }
        if (history.unreachable()) {
            return new Block(UNREACHABLE);
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
            return new Block(skip.reason());
        }
        if (decision instanceof ComplianceDecision.Defer defer) {
            return new Allow(defer.until(), defer.reason());
        }
        return Allow.now(((ComplianceDecision.Allow) decision).at());
    }

    private static FlowCapRule capRule(FlowSettings settings) {
        return settings.frequencyCap()
                .map(c -> new FlowCapRule(
                        Optional.of(new FrequencyCap(c.max(), c.per().approximate())),
                        c.skipWhenCapped(),
                        c.maxDelay().map(FlowDuration::approximate)))
                .orElse(FlowCapRule.NONE);
    }

    private Map<Long, History> histories(List<Long> customerIds, Instant now, Duration window, Set<Long> leftOut) {
        return CapHistoryStore.read(dataSource, versions, customerIds, now.minus(window), leftOut);
    }
}
