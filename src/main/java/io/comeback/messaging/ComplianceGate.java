package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.time.QuietHours;
import io.comeback.flows.FlowVersions;
import io.comeback.messaging.compliance.ComplianceDecision;
import io.comeback.messaging.compliance.CompliancePolicy;
import io.comeback.messaging.compliance.FlowCapRule;
import io.comeback.messaging.compliance.FrequencyCap;
import io.comeback.messaging.compliance.PlannedText;
import io.comeback.messaging.compliance.ReleaseRamp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public ComplianceGate(AgroalDataSource dataSource, FlowVersions versions,
                          @ConfigProperty(name = "comeback.caps.per-30-days", defaultValue = "4") int per30Days,
                          @ConfigProperty(name = "comeback.caps.per-day", defaultValue = "1") int perDay,
                          @ConfigProperty(name = "comeback.caps.max-delay", defaultValue = "P3D") Duration maxDelay,
                          @ConfigProperty(name = "comeback.quiet-hours.ramp", defaultValue = "PT30M") Duration ramp) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.policy = new CompliancePolicy(List.of(new FrequencyCap(per30Days, Duration.ofDays(30)),
                new FrequencyCap(perDay, Duration.ofDays(1))), new ReleaseRamp(ramp), maxDelay);
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
        Duration window = requests.stream().map(r -> r.flow().settings().frequencyCap()).flatMap(Optional::stream)
                .map(c -> c.per().approximate()).reduce(longestWindow, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        Map<Long, History> histories = histories(requests.stream().map(SendRequest::customerId).distinct().toList(), now, window);
        List<Integer> order = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -requests.get(i).flow().settings().priority()));
        Verdict[] verdicts = new Verdict[requests.size()];
        for (int i : order) {
            SendRequest request = requests.get(i);
            History history = histories.computeIfAbsent(request.customerId(), id -> new History(false, new ArrayList<>()));
            Verdict verdict = judge(request, history);
            verdicts[i] = verdict;
            if (verdict instanceof Allow allow && request.send().messageKind() == MessageKind.MARKETING) {
                history.marketing().add(new PlannedText(request.enrollmentId(), request.flow().id(),
                        request.flow().settings().priority(), allow.notBefore()));
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
    public record HeldText(long id, long enrollmentId, long customerId, String flowId, String flowVersion, String phone,
                           java.time.ZoneId zone, String consent, boolean marketing, Instant wantedAt) {
    }

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
        List<Optional<io.comeback.engine.model.Flow>> flows = texts.stream()
                .map(t -> versions.resolve(t.flowId(), t.flowVersion())).toList();
        Duration window = flows.stream().flatMap(Optional::stream).map(f -> f.settings().frequencyCap())
                .flatMap(Optional::stream).map(c -> c.per().approximate())
                .reduce(longestWindow, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        java.util.Set<Long> released = new java.util.HashSet<>();
        texts.forEach(t -> released.add(t.id()));
        Map<Long, History> histories = histories(texts.stream().map(HeldText::customerId).distinct().toList(), now,
                window, released);
        List<Integer> order = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -flows.get(i).map(f -> f.settings().priority())
                .orElse(FlowSettings.DEFAULT_PRIORITY)));
        Verdict[] verdicts = new Verdict[texts.size()];
        for (int i : order) {
            HeldText text = texts.get(i);
            if (flows.get(i).isEmpty()) {
                verdicts[i] = new Block("flow version " + text.flowVersion() + " of " + text.flowId() + " is unknown");
                continue;
            }
            FlowSettings settings = flows.get(i).get().settings();
            History history = histories.computeIfAbsent(text.customerId(), id -> new History(false, new ArrayList<>()));
            Verdict verdict = judgeHeld(text, settings, history);
            verdicts[i] = verdict;
            if (verdict instanceof Allow allow && text.marketing()) {
                history.marketing().add(new PlannedText(text.enrollmentId(), text.flowId(), settings.priority(),
                        allow.notBefore()));
            }
        }
        return Arrays.asList(verdicts);
    }

    /** The quiet hours of a stored flow version (none when it is unknown). */
    QuietHours quietHoursOf(String flowId, String version) {
        return versions.resolve(flowId, version).map(SendWindow::quietHoursOf).orElse(QuietHours.NONE);
    }

    private Verdict judgeHeld(HeldText text, FlowSettings settings, History history) {
        if (text.phone() == null || text.phone().isBlank()) {
            return new Block(NO_PHONE);
        }
        if (history.unreachable()) {
            return new Block(UNREACHABLE);
        }
        QuietHours quiet = settings.quietHours().map(w -> new QuietHours(w.start(), w.end())).orElse(QuietHours.NONE);
        ComplianceDecision decision = policy.decide(new io.comeback.messaging.compliance.SendRequest(text.phone(),
                text.zone(), text.consent(), text.marketing(), false, text.flowId(), settings.priority(),
                text.enrollmentId(), capRule(settings), text.wantedAt()), quiet, history.marketing());
        if (decision instanceof ComplianceDecision.Skip skip) {
            return new Block(skip.reason());
        }
        if (decision instanceof ComplianceDecision.Defer defer) {
            return new Allow(defer.until(), defer.reason());
        }
        return Allow.now(((ComplianceDecision.Allow) decision).at());
    }

    private Verdict judge(SendRequest request, History history) {
        String phone = request.customer().phone();
        if (phone == null || phone.isBlank()) {
            return new Block(NO_PHONE);
        }
        if (history.unreachable()) {
            return new Block(UNREACHABLE);
        }
        boolean marketing = request.send().messageKind() == MessageKind.MARKETING;
        FlowSettings settings = request.flow().settings();
        QuietHours quiet = settings.quietHours().map(w -> new QuietHours(w.start(), w.end())).orElse(QuietHours.NONE);
        ComplianceDecision decision = policy.decide(new io.comeback.messaging.compliance.SendRequest(phone,
                request.customer().timeZone(), request.customer().consent().yamlName(), marketing, false,
                request.flow().id(), settings.priority(), request.enrollmentId(), capRule(settings), request.now()),
                quiet, history.marketing());
        if (decision instanceof ComplianceDecision.Skip skip) {
            return new Block(skip.reason());
        }
        if (decision instanceof ComplianceDecision.Defer defer) {
            return new Allow(defer.until(), defer.reason());
        }
        return Allow.now(((ComplianceDecision.Allow) decision).at());
    }

    private static FlowCapRule capRule(FlowSettings settings) {
        return settings.frequencyCap().map(c -> new FlowCapRule(
                Optional.of(new FrequencyCap(c.max(), c.per().approximate())), c.skipWhenCapped(),
                c.maxDelay().map(FlowDuration::approximate))).orElse(FlowCapRule.NONE);
    }

    /** The person's marketing texts of the longest window, sent or waiting; the batch adds its own as it goes. */
    private record History(boolean unreachable, List<PlannedText> marketing) {
    }

    /**
     * Every customer of the batch in one query: unreachable or not, and their marketing texts of the longest window.
     * LATERAL keeps it one index look-up per customer: as a plain join, a ledger that grew since it was last
     * analyzed (a backlog being sent) was planned as a hash join over a full scan of the ledger, per batch.
     * OFFSET 0 keeps the planner from flattening the LATERAL into that same join: without column statistics
     * (a ledger filling faster than autovacuum analyzes it) it guessed a few rows, scanned the whole ledger once
     * and compared every customer of the batch with every text (seen in the runtime bench's 100,000-text burst).
     */
    private Map<Long, History> histories(List<Long> customerIds, Instant now, Duration window) {
        return histories(customerIds, now, window, java.util.Set.of());
    }

    /** @param leftOut ledger rows not to count (held texts being judged again) */
    private Map<Long, History> histories(List<Long> customerIds, Instant now, Duration window, java.util.Set<Long> leftOut) {
        Map<Long, Boolean> unreachable = new HashMap<>();
        Map<Long, List<PlannedText>> sent = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     SELECT cu.id, cu.unreachable_since IS NOT NULL, m.enrollment_id, m.not_before, m.flow_id, m.flow_version,
                            m.id
                     FROM customers cu
                     LEFT JOIN LATERAL (
                         SELECT enrollment_id, not_before, flow_id, flow_version, id FROM outbound_messages
                         WHERE customer_id = cu.id AND kind = 'marketing' AND not_before > ?
                           AND status NOT IN ('blocked', 'refused', 'failed', 'undelivered')
                         OFFSET 0) m ON true
                     WHERE cu.id = ANY(?)""")) {
            Jdbc.setInstant(st, 1, now.minus(window));
            st.setArray(2, c.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long customerId = rs.getLong(1);
                    unreachable.put(customerId, rs.getBoolean(2));
                    Instant at = Jdbc.getInstant(rs, 4);
                    if (at != null && !leftOut.contains(rs.getLong(7))) {
                        // Texts of no enrollment (inbox answers) count for every enrollment: -1 matches none.
                        long enrollmentId = rs.getObject(3) == null ? -1 : rs.getLong(3);
                        String flowId = rs.getString(5);
                        sent.computeIfAbsent(customerId, k -> new ArrayList<>())
                                .add(new PlannedText(enrollmentId, flowId, priority(flowId, rs.getString(6)), at));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the send history of " + customerIds.size() + " customers", e);
        }
        Map<Long, History> histories = new HashMap<>();
        unreachable.forEach((id, flag) -> histories.put(id, new History(flag, sent.getOrDefault(id, new ArrayList<>()))));
        return histories;
    }

    private int priority(String flowId, String version) {
        if (flowId == null || version == null) {
            return FlowSettings.DEFAULT_PRIORITY;
        }
        return versions.resolve(flowId, version).map(f -> f.settings().priority()).orElse(FlowSettings.DEFAULT_PRIORITY);
    }
}
