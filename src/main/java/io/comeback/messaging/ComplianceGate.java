package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Jdbc;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.time.QuietHours;
import io.comeback.messaging.compliance.ComplianceDecision;
import io.comeback.messaging.compliance.CompliancePolicy;
import io.comeback.messaging.compliance.FrequencyCap;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compliance gate in front of the outbound ledger: {@link CompliancePolicy} (consent, quiet hours
 * with a release ramp, frequency caps) fed with what the database knows about the person — their
 * marketing texts of the longest cap window, and whether their number is known to be unreachable.
 */
@ApplicationScoped
public class ComplianceGate implements SendGate {

    public static final String NO_PHONE = "no_phone";
    public static final String UNREACHABLE = "unreachable_number";

    private final AgroalDataSource dataSource;
    private final CompliancePolicy policy;
    private final Duration longestWindow;

    public ComplianceGate(AgroalDataSource dataSource,
                          @ConfigProperty(name = "comeback.caps.per-30-days", defaultValue = "4") int per30Days,
                          @ConfigProperty(name = "comeback.caps.per-day", defaultValue = "1") int perDay,
                          @ConfigProperty(name = "comeback.caps.max-delay", defaultValue = "P3D") Duration maxDelay,
                          @ConfigProperty(name = "comeback.quiet-hours.ramp", defaultValue = "PT30M") Duration ramp) {
        this.dataSource = dataSource;
        this.policy = new CompliancePolicy(List.of(new FrequencyCap(per30Days, Duration.ofDays(30)),
                new FrequencyCap(perDay, Duration.ofDays(1))), new ReleaseRamp(ramp), maxDelay);
        this.longestWindow = Duration.ofDays(30);
    }

    @Override
    public Verdict check(SendRequest request) {
        return checkAll(List.of(request)).get(0);
    }

    @Override
    public List<Verdict> checkAll(List<SendRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant now = requests.get(0).now();
        Map<Long, History> histories = histories(requests.stream().map(SendRequest::customerId).distinct().toList(), now);
        return requests.stream().map(r -> judge(r, histories.getOrDefault(r.customerId(), History.NONE))).toList();
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
        QuietHours quiet = request.flow().settings().quietHours()
                .map(w -> new QuietHours(w.start(), w.end())).orElse(QuietHours.NONE);
        ComplianceDecision decision = policy.decide(new io.comeback.messaging.compliance.SendRequest(phone,
                request.customer().timeZone(), request.customer().consent().yamlName(), marketing, false,
                request.flow().id(), request.flow().settings().priority(), request.now()), quiet,
                history.marketingSentOutside(request.enrollmentId()));
        if (decision instanceof ComplianceDecision.Skip skip) {
            return new Block(skip.reason());
        }
        if (decision instanceof ComplianceDecision.Defer defer) {
            return new Allow(defer.until(), defer.reason());
        }
        return Allow.now(((ComplianceDecision.Allow) decision).at());
    }

    private record Sent(long enrollmentId, Instant at) {
    }

    private record History(boolean unreachable, List<Sent> marketing) {
        static final History NONE = new History(false, List.of());

        /**
         * Texts already planned count too: a text waiting for morning takes that morning's slot. Texts
         * of the same enrollment do not: a flow is one conversation whose pace its author chose; caps
         * keep different flows from piling up on one person.
         */
        List<Instant> marketingSentOutside(long enrollmentId) {
            return marketing.stream().filter(m -> m.enrollmentId() != enrollmentId).map(Sent::at).toList();
        }
    }

    /** Every customer of the batch in one query: unreachable or not, and their marketing texts of the longest window. */
    private Map<Long, History> histories(List<Long> customerIds, Instant now) {
        Map<Long, Boolean> unreachable = new HashMap<>();
        Map<Long, List<Sent>> sent = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     SELECT cu.id, cu.unreachable_since IS NOT NULL, m.enrollment_id, m.not_before
                     FROM customers cu
                     LEFT JOIN outbound_messages m ON m.customer_id = cu.id AND m.kind = 'marketing' AND m.not_before > ?
                          AND m.status NOT IN ('blocked', 'refused', 'failed', 'undelivered')
                     WHERE cu.id = ANY(?)""")) {
            Jdbc.setInstant(st, 1, now.minus(longestWindow));
            st.setArray(2, c.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long customerId = rs.getLong(1);
                    unreachable.put(customerId, rs.getBoolean(2));
                    Instant at = Jdbc.getInstant(rs, 4);
                    if (at != null) {
                        // Texts of no enrollment (inbox answers) count for every enrollment: -1 matches none.
                        long enrollmentId = rs.getObject(3) == null ? -1 : rs.getLong(3);
                        sent.computeIfAbsent(customerId, k -> new ArrayList<>()).add(new Sent(enrollmentId, at));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the send history of " + customerIds.size() + " customers", e);
        }
        Map<Long, History> histories = new HashMap<>();
        unreachable.forEach((id, flag) -> histories.put(id, new History(flag, sent.getOrDefault(id, List.of()))));
        return histories;
    }
}
