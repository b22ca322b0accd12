package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Jdbc;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FlowInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The one way into a flow, for every trigger (ingest, keywords, the inactivity detector). Applies
 * the entry rules — consent for marketing flows, audience conditions and order filters, re-entry,
 * holdout — records the outcome in {@code entry_log}, and inserts the enrollment row with its first
 * wake-up. Nothing is interpreted here: the caller's transaction stays short, and the wake-up
 * workers start the flow moments later (or at {@link TriggerContext#startAt()}).
 */
@ApplicationScoped
public class Enrollments {

    private static final String HISTORY = """
            SELECT count(*), max(entered_at), coalesce(bool_or(exited_at IS NULL), false)
            FROM enrollments WHERE flow_id = ? AND customer_id = ?
            """;
    private static final String INSERT = """
            INSERT INTO enrollments (flow_id, flow_version, customer_id, status, start_context, next_wake_at,
                                     entered_at, entry_reason, exited_at, exit_reason, exit_label, updated_at)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (flow_id, customer_id) WHERE exited_at IS NULL DO NOTHING
            RETURNING id
            """;
    private static final String LOG = """
            INSERT INTO entry_log (flow_id, customer_id, at, outcome, detail, enrollment_id) VALUES (?, ?, ?, ?, ?, ?)
            """;

    private final FlowCatalog catalog;
    private final FlowInterpreter interpreter;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public Enrollments(FlowCatalog catalog, FlowInterpreter interpreter, AgroalDataSource dataSource, Clock clock) {
        this.catalog = catalog;
        this.interpreter = interpreter;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Enters the customer (internal id) into the active version of the flow if the entry rules allow.
     *
     * @param reason why the trigger fired, kept on the enrollment (e.g. {@code order 1234}, {@code inactive 2x rhythm})
     */
    @Transactional
    public EntryOutcome enter(String flowId, long customerId, TriggerContext context, String reason) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            Optional<Flow> flow = catalog.active(flowId);
            if (flow.isEmpty()) {
                return log(connection, flowId, customerId, now, new EntryOutcome.Refused(
                        EntryOutcome.Refused.FLOW_NOT_ACTIVE, "no active flow '" + flowId + "'"));
            }
            Optional<CustomerView> customer = CustomerViews.load(connection, customerId, now);
            if (customer.isEmpty()) {
                return new EntryOutcome.Refused(EntryOutcome.Refused.NO_CUSTOMER, "no customer " + customerId);
            }
            EntryOutcome outcome = decide(connection, flow.get(), customer.get(), customerId, context, reason, now);
            return log(connection, flowId, customerId, now, outcome);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enter customer " + customerId + " into flow " + flowId, e);
        }
    }

    private EntryOutcome decide(Connection connection, Flow flow, CustomerView customer, long customerId,
                                TriggerContext context, String reason, Instant now) throws SQLException {
        if (flow.settings().isMarketing() && customer.consent() != ConsentStatus.OPTED_IN) {
            return new EntryOutcome.Refused(EntryOutcome.Refused.NO_CONSENT,
                    "marketing flow and the customer's consent is " + customer.consent().yamlName());
        }
        if (!interpreter.admits(flow, customer, context.variables(), now)) {
            return new EntryOutcome.Refused(EntryOutcome.Refused.AUDIENCE, "audience conditions or filters do not hold");
        }
        ReEntryCheck.History history = history(connection, flow.id(), customerId);
        Optional<EntryOutcome.Refused> refused = ReEntryCheck.refuse(flow, history, now, customer.timeZone());
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean heldOut = Holdout.heldOut(flow.id(), customerId, history.entries() + 1, flow.entry().holdoutPercent());
        Optional<Long> id = insert(connection, flow, customerId, context, reason, now, heldOut);
        if (id.isEmpty()) {
            return new EntryOutcome.Refused(EntryOutcome.Refused.ALREADY_RUNNING, "entered concurrently");
        }
        return heldOut ? new EntryOutcome.HeldOut(id.get()) : new EntryOutcome.Entered(id.get());
    }

    private static ReEntryCheck.History history(Connection connection, String flowId, long customerId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(HISTORY)) {
            st.setString(1, flowId);
            st.setLong(2, customerId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                java.sql.Timestamp last = rs.getTimestamp(2);
                return new ReEntryCheck.History(rs.getInt(1), last == null ? null : last.toInstant(), rs.getBoolean(3));
            }
        }
    }

    private static Optional<Long> insert(Connection connection, Flow flow, long customerId, TriggerContext context,
                                         String reason, Instant now, boolean heldOut) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(INSERT)) {
            int i = 0;
            st.setString(++i, flow.id());
            st.setString(++i, flow.version());
            st.setLong(++i, customerId);
            st.setString(++i, heldOut ? "held_out" : "new");
            st.setString(++i, StateCodec.write(context.variables()));
            Jdbc.setInstant(st, ++i, heldOut ? null : (context.startAt() == null ? now : context.startAt()));
            Jdbc.setInstant(st, ++i, now);
            st.setString(++i, reason);
            Jdbc.setInstant(st, ++i, heldOut ? now : null);
            st.setString(++i, heldOut ? "holdout" : null);
            st.setString(++i, heldOut ? "holdout" : null);
            Jdbc.setInstant(st, ++i, now);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static EntryOutcome log(Connection connection, String flowId, long customerId, Instant now,
                                    EntryOutcome outcome) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(LOG)) {
            st.setString(1, flowId);
            st.setLong(2, customerId);
            Jdbc.setInstant(st, 3, now);
            st.setString(4, outcome.label());
            st.setString(5, outcome instanceof EntryOutcome.Refused r ? r.detail() : null);
            Long id = outcome instanceof EntryOutcome.Entered e ? Long.valueOf(e.enrollmentId())
                    : outcome instanceof EntryOutcome.HeldOut h ? Long.valueOf(h.enrollmentId()) : null;
            if (id == null) {
                st.setNull(6, java.sql.Types.BIGINT);
            } else {
                st.setLong(6, id);
            }
            st.executeUpdate();
        }
        return outcome;
    }
}
