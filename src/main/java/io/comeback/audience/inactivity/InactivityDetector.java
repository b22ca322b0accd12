package io.comeback.audience.inactivity;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.enrollment.FlowCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One detection pass: for every active flow with an {@code inactive} trigger, the customers who
 * are lapsed at {@code asOf} and eligible (consent, not in the flow's cool-down, not capped) are
 * handed to {@link WinbackEnrollment} in batches and recorded in {@code detector_matches} with why
 * they matched. Each flow is one transaction, guarded by an advisory lock so two nodes never
 * detect the same flow at once even if the scheduler misfires.
 */
@ApplicationScoped
public class InactivityDetector {

    private static final Logger LOG = Logger.getLogger(InactivityDetector.class);
    static final int BATCH = 1_000;

    public record FlowRun(String flowId, boolean skipped, int matched, Map<EntryOutcome, Integer> outcomes, Duration took) {
    }

    private final FlowCatalog catalog;
    private final InactiveAudience audience;
    private final WinbackEnrollment enrollment;
    private final MatchLog log;
    private final AgroalDataSource dataSource;
    private final int transactionTimeoutSeconds;

    public InactivityDetector(FlowCatalog catalog, InactiveAudience audience, WinbackEnrollment enrollment, MatchLog log,
                              AgroalDataSource dataSource,
                              @org.eclipse.microprofile.config.inject.ConfigProperty(
                                      name = "comeback.inactivity.detector.transaction-timeout") Duration timeout) {
        this.catalog = catalog;
        this.audience = audience;
        this.enrollment = enrollment;
        this.log = log;
        this.dataSource = dataSource;
        this.transactionTimeoutSeconds = (int) timeout.getSeconds();
    }

    public List<FlowRun> runAll(Instant asOf) {
        List<FlowRun> runs = new ArrayList<>();
        for (FlowCatalog.Entry entry : catalog.all()) {
            if (entry.flow() != null && entry.flow().trigger() instanceof Trigger.Inactive) {
                runs.add(detect(entry.id(), entry.version(), entry.flow(), asOf));
            }
        }
        return runs;
    }

    public FlowRun detect(String flowId, String version, Flow flow, Instant asOf) {
        return QuarkusTransaction.requiringNew().timeout(transactionTimeoutSeconds)
                .call(() -> detectInTransaction(flowId, version, flow, asOf));
    }

    private FlowRun detectInTransaction(String flowId, String version, Flow flow, Instant asOf) throws SQLException {
        long started = System.nanoTime();
        Trigger.Inactive trigger = (Trigger.Inactive) flow.trigger();
        Map<EntryOutcome, Integer> outcomes = new EnumMap<>(EntryOutcome.class);
        int[] matched = {0};
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, flowId)) {
                LOG.infof("Inactivity detection of flow %s is running elsewhere; skipped", flowId);
                return new FlowRun(flowId, true, 0, outcomes, Duration.ZERO);
            }
            List<WinbackEnrollment.Match> batch = new ArrayList<>(BATCH);
            InactiveAudience.FlowRules rules = InactiveAudience.FlowRules.of(flow);
            audience.eligible(connection, trigger, rules, asOf, row -> {
                batch.add(new WinbackEnrollment.Match(row.customerId(), MatchReasons.of(trigger, row, asOf)));
                if (batch.size() == BATCH) {
                    matched[0] += flush(connection, flowId, version, asOf, batch, outcomes);
                }
            });
            matched[0] += flush(connection, flowId, version, asOf, batch, outcomes);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (matched[0] > 0) {
            LOG.infof("Inactivity detection of flow %s at %s: %d matched %s in %d ms", flowId, asOf, matched[0], outcomes,
                    took.toMillis());
        }
        return new FlowRun(flowId, false, matched[0], outcomes, took);
    }

    private int flush(Connection connection, String flowId, String version, Instant asOf,
                      List<WinbackEnrollment.Match> batch, Map<EntryOutcome, Integer> outcomes) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        List<EntryOutcome> answered = enrollment.enterAll(flowId, List.copyOf(batch));
        log.record(connection, flowId, version, asOf, batch, answered);
        answered.forEach(o -> outcomes.merge(o, 1, Integer::sum));
        int size = batch.size();
        batch.clear();
        return size;
    }

    private static boolean lock(Connection connection, String flowId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            st.setString(1, "comeback.inactivity-detector:" + flowId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
