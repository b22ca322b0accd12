package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.time.QuietHours;
import io.comeback.flows.FlowVersions;
import io.comeback.messaging.CapHistoryStore.History;
import io.comeback.messaging.compliance.CompliancePolicy;
import io.comeback.messaging.compliance.FrequencyCap;
import io.comeback.messaging.compliance.PlannedText;
import io.comeback.messaging.compliance.ReleaseRamp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
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
    private final ComplianceJudge judge;
    private final Duration longestWindow;

    public ComplianceGate(
            AgroalDataSource dataSource, FlowVersions versions, CapsConfig caps, QuietHoursConfig quietHours) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.judge = new ComplianceJudge(new CompliancePolicy(
                List.of(
                        new FrequencyCap(caps.per30Days(), Duration.ofDays(30)),
                        new FrequencyCap(caps.perDay(), Duration.ofDays(1))),
                new ReleaseRamp(quietHours.ramp()),
                caps.maxDelay()));
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
        Duration window = ComplianceJudge.window(
                longestWindow, requests.stream().map(r -> r.flow().settings()));
        Map<Long, History> histories = histories(
                requests.stream().map(SendRequest::customerId).distinct().toList(), now, window, Set.of());
        List<Integer> order = ComplianceJudge.highestPriorityFirst(
                requests.size(), i -> requests.get(i).flow().settings().priority());
        Verdict[] verdicts = new Verdict[requests.size()];
        for (int i : order) {
            SendRequest request = requests.get(i);
            History history = histories.computeIfAbsent(request.customerId(), id -> History.none());
            Verdict verdict = judge.request(request, history);
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
        Duration window = ComplianceJudge.window(
                longestWindow, flows.stream().flatMap(Optional::stream).map(Flow::settings));
        Set<Long> released = texts.stream().map(HeldText::id).collect(Collectors.toSet());
        Map<Long, History> histories =
                histories(texts.stream().map(HeldText::customerId).distinct().toList(), now, window, released);
        List<Integer> order = ComplianceJudge.highestPriorityFirst(
                texts.size(),
                i -> flows.get(i).map(f -> f.settings().priority()).orElse(FlowSettings.DEFAULT_PRIORITY));
        Verdict[] verdicts = new Verdict[texts.size()];
        for (int i : order) {
            HeldText text = texts.get(i);
            if (flows.get(i).isEmpty()) {
                verdicts[i] = new Block("flow version " + text.flowVersion() + " of " + text.flowId() + " is unknown");
                continue;
            }
            FlowSettings settings = flows.get(i).get().settings();
            History history = histories.computeIfAbsent(text.customerId(), id -> History.none());
            Verdict verdict = judge.held(text, settings, history);
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

    private Map<Long, History> histories(List<Long> customerIds, Instant now, Duration window, Set<Long> leftOut) {
        return CapHistoryStore.read(dataSource, versions, customerIds, now.minus(window), leftOut);
    }
}
