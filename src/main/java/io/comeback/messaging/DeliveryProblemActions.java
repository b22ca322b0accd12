package io.comeback.messaging;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.Customer;
import io.comeback.messaging.pacing.PacingSettings;
import io.comeback.messaging.pacing.SenderBuckets;
import io.comeback.messaging.port.DeliveryProblemListener;
import io.comeback.messaging.port.DeliveryProblemReport;
import io.comeback.support.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Acts on what a provider's error codes reveal: a carrier opt-out (21610) becomes an opt-out in the
 * consent ledger; an unreachable number is left out of sends until it changes; carrier filtering
 * flags the message for review; a full queue at the provider (21611/30001) slows the sender's pacing
 * down on every replica. Every action is idempotent, since reports repeat.
 */
@ApplicationScoped
public class DeliveryProblemActions implements DeliveryProblemListener {

    private static final Logger LOG = Logger.getLogger(DeliveryProblemActions.class);
    static final String REVIEW_REASON = "carrier_filtered_review";

    private final AgroalDataSource dataSource;
    private final OptOuts optOuts;
    private final SenderBuckets buckets;
    private final Gateways gateways;
    private final MeterRegistry metrics;

    public DeliveryProblemActions(
            AgroalDataSource dataSource,
            OptOuts optOuts,
            SenderBuckets buckets,
            Gateways gateways,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.optOuts = optOuts;
        this.buckets = buckets;
        this.gateways = gateways;
        this.metrics = metrics;
    }

    @Override
    @Transactional
    public void onDeliveryProblem(DeliveryProblemReport report) {
        try (Connection c = dataSource.getConnection()) {
            switch (report.problem()) {
                case OPT_OUT -> {
                    Optional<Customer> customer = Customer.findByPhone(report.phone());
                    if (customer.isPresent()) {
                        optOuts.optOut(
                                c,
                                customer.get().id,
                                report.phone(),
                                "carrier error " + report.errorCode(),
                                null,
                                report.at());
                    }
                }
                case UNREACHABLE -> markUnreachable(c, report);
                case REVIEW_CONTENT -> flagForReview(c, report);
                case SLOW_DOWN -> slowDown(c, report);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not act on delivery problem " + report, e);
        }
    }

    /** Lowers the rate of the sender the text left from; the buckets share it with every replica. */
    private void slowDown(Connection c, DeliveryProblemReport report) throws SQLException {
        String sender = gateways.active().senderKey(report.phone());
        Optional<Double> factor = buckets.slowDown(c, sender, report.at(), report.errorCode());
        if (factor.isEmpty()) {
            LOG.debugf(
                    "Provider queue overflow (error %s) for sender %s: already slowed down for this overflow",
                    report.errorCode(), sender);
            return;
        }
        metrics.counter("comeback.pacing.slowdowns", "sender", sender).increment();
        if (buckets.settings().limitFor(sender).isEmpty()) {
            LOG.warnf(
                    "Provider queue overflow (error %s) for sender %s, which is not paced: set comeback.pacing."
                            + "segments-per-second (or comeback.pacing.senders) so that Comeback can slow it down",
                    report.errorCode(), sender);
            return;
        }
        PacingSettings.Limit limit = buckets.settings().limitFor(sender).get();
        LOG.warnf(
                "Provider queue overflow (error %s) for sender %s: pacing slowed down to %.0f%% of %.1f segments/s",
                report.errorCode(), sender, factor.get() * 100, limit.rate());
    }

    private static void markUnreachable(Connection c, DeliveryProblemReport report) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE customers SET unreachable_since = COALESCE(unreachable_since, ?), unreachable_reason = ?
                WHERE phone = ? AND erased_at IS NULL""")) {
            Jdbc.setInstant(st, 1, report.at());
            st.setString(2, "error " + report.errorCode() + " (" + report.occurrences() + "×)");
            st.setString(3, report.phone());
            st.executeUpdate();
        }
    }

    private static void flagForReview(Connection c, DeliveryProblemReport report) throws SQLException {
        LOG.warnf(
                "Carrier filtered message %s / %s (error %s): review the flow's text",
                report.messageId(), report.providerMessageId(), report.errorCode());
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE outbound_messages SET status_reason = ?
                WHERE id = ? OR (CAST(? AS TEXT) IS NOT NULL AND provider_message_id = ?)""")) {
            st.setString(1, REVIEW_REASON);
            st.setObject(2, report.messageId());
            st.setString(3, report.providerMessageId());
            st.setString(4, report.providerMessageId());
            st.executeUpdate();
        }
    }
}
