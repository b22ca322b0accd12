package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.time.QuietHours;
import io.comeback.messaging.compliance.ComplianceDecision;
import io.comeback.messaging.compliance.CompliancePolicy;
import io.comeback.messaging.compliance.FrequencyCap;
import io.comeback.messaging.compliance.ReleaseRamp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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
        String phone = request.customer().phone();
        if (phone == null || phone.isBlank()) {
            return new Block(NO_PHONE);
        }
        boolean marketing = request.send().messageKind() == MessageKind.MARKETING;
        History history = history(request.customerId(), request.enrollmentId(), request.now());
        if (history.unreachable()) {
            return new Block(UNREACHABLE);
        }
        QuietHours quiet = request.flow().settings().quietHours()
                .map(w -> new QuietHours(w.start(), w.end())).orElse(QuietHours.NONE);
        ComplianceDecision decision = policy.decide(new io.comeback.messaging.compliance.SendRequest(phone,
                request.customer().timeZone(), request.customer().consent().yamlName(), marketing, false,
                request.flow().id(), request.flow().settings().priority(), request.now()), quiet, history.marketingSent());
        if (decision instanceof ComplianceDecision.Skip skip) {
            return new Block(skip.reason());
        }
        if (decision instanceof ComplianceDecision.Defer defer) {
            return new Allow(defer.until(), defer.reason());
        }
        return Allow.now(((ComplianceDecision.Allow) decision).at());
    }

    private record History(boolean unreachable, List<Instant> marketingSent) {
    }

    /**
     * Texts already planned count too: a text waiting for morning takes that morning's slot. Texts of
     * the same enrollment do not: a flow is one conversation whose pace its author chose; caps keep
     * different flows from piling up on one person.
     */
    private History history(long customerId, long enrollmentId, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     SELECT cu.unreachable_since IS NOT NULL,
                            ARRAY(SELECT m.not_before FROM outbound_messages m
                                  WHERE m.customer_id = cu.id AND m.kind = 'marketing' AND m.not_before > ?
                                    AND m.enrollment_id IS DISTINCT FROM ?
                                    AND m.status NOT IN ('blocked', 'refused', 'failed', 'undelivered'))
                     FROM customers cu WHERE cu.id = ?""")) {
            st.setObject(1, OffsetDateTime.ofInstant(now.minus(longestWindow), java.time.ZoneOffset.UTC));
            st.setLong(2, enrollmentId);
            st.setLong(3, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new History(false, List.of());
                }
                List<Instant> sent = new ArrayList<>();
                Array array = rs.getArray(2);
                for (Object t : (Object[]) array.getArray()) {
                    sent.add(t instanceof java.sql.Timestamp ts ? ts.toInstant() : ((OffsetDateTime) t).toInstant());
                }
                return new History(rs.getBoolean(1), sent);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the send history of customer " + customerId, e);
        }
    }
}
