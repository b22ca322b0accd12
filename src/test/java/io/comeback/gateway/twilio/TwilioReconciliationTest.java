package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.Gateways;
import io.comeback.messaging.Reconciliation;
import io.comeback.messaging.port.DeliveryProblem;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.support.Jdbc;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation with Twilio as the gateway, through the real SDK against the fake API: rows left
 * {@code unknown} are found (or, once certain, sent again), and statuses that stopped moving are
 * fetched by SID and applied like the callback that never came, error codes included. The dispatcher is run by the
 * test ({@link RuntimeDriver}).
 */
@QuarkusTest
@TestProfile(TwilioGatewayProfile.class)
class TwilioReconciliationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Gateways gateways;

    @Inject
    Reconciliation reconciliation;

    @Inject
    TwilioStatusRefresh refresh;

    @Inject
    RecordingDeliveryProblemListener problems;

    private static FakeTwilioApi twilio() {
        return FakeTwilioResource.api;
    }

    private static long createsTo(String phone) {
        return twilio().received().stream()
                .filter(r -> r.method().equals("POST") && phone.equals(r.form().get("To")))
                .count();
    }

    private static long fetchesOf(String sid) {
        return twilio().received().stream()
                .filter(r -> r.method().equals("GET") && r.path().endsWith("/" + sid + ".json"))
                .count();
    }

    private String sendAtTwilio(long id, String phone, String body) {
        return ((SendOutcome.Accepted) gateways.active().send(new OutgoingSms(id, phone, body, null)))
                .providerMessageId();
    }

    @Test
    void anUnknownRowFoundAtTwilioGetsItsSidAndStatus() throws SQLException {
        String phone = TestData.norwegianMobile();
        String body = "Takk for handelen! Her er 10 % til neste gang.";
        long id = insert("unknown", phone, body, null, Instant.now().minusSeconds(60));
        String sid = sendAtTwilio(id, phone, body); // Twilio took it; our record of the answer was lost
        twilio().progress(sid, "sent", null);

        reconciliation.run();

        Row row = row(id);
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.providerMessageId()).isEqualTo(sid);
        assertThat(row.reason()).startsWith("reconciled: found");
        assertThat(createsTo(phone)).isEqualTo(1);
    }

    @Test
    void anUnknownRowTwilioNeverGotStaysUnknownWhileItMayBeQueuedAndIsSentOnceWhenThatIsOver() throws SQLException {
        String phone = TestData.norwegianMobile();
        long recent =
                insert("unknown", phone, "Nye varer i dag", null, Instant.now().minusSeconds(60));
        long old = insert(
                "unknown", phone, "Velkommen tilbake", null, Instant.now().minus(Duration.ofHours(11)));

        reconciliation.run();

        assertThat(row(recent).status()).isEqualTo("unknown");
        new RuntimeDriver().runDue();
        Row sent = row(old);
        assertThat(sent.providerMessageId())
                .as("the row Twilio never got, sent")
                .isNotNull();
        assertThat(sent.reason()).isEqualTo("reconciled: the provider never received it");
        assertThat(twilio().received().stream()
                        .filter(r -> r.method().equals("POST")
                                && phone.equals(r.form().get("To")))
                        .map(r -> r.form().get("Body"))
                        .toList())
                .containsExactly("Velkommen tilbake");
    }

    @Test
    void aStaleStatusIsFetchedBySidAndAppliedWithItsErrorCode() throws SQLException {
        String phone = TestData.norwegianMobile();
        Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3));
        long filteredId = insert("sent", phone, "Siste sjanse!", null, threeHoursAgo);
        String filtered = sendAtTwilio(filteredId, phone, "Siste sjanse!");
        setProviderId(filteredId, filtered);
        twilio().progress(filtered, "undelivered", 30007); // the callback saying so never arrived
        long quietId = insert("sent", phone, "Ukens tilbud", null, threeHoursAgo);
        String quiet = sendAtTwilio(quietId, phone, "Ukens tilbud");
        setProviderId(quietId, quiet);
        twilio().progress(quiet, "sent", null); // the carrier never reports on this one
        long freshId = insert("sent", phone, "Ny kode", null, Instant.now());
        String fresh = sendAtTwilio(freshId, phone, "Ny kode");
        setProviderId(freshId, fresh);

        refresh.refresh();

        Row undelivered = row(filteredId);
        assertThat(undelivered.status()).isEqualTo("undelivered");
        assertThat(undelivered.errorCode()).isEqualTo("30007");
        assertThat(problems.reportsFor(phone))
                .singleElement()
                .satisfies(report -> assertThat(report.problem()).isEqualTo(DeliveryProblem.REVIEW_CONTENT));
        assertThat(storedCallbacks(filtered)).containsExactly("undelivered");
        assertThat(row(quietId).status()).isEqualTo("sent");
        assertThat(fetchesOf(fresh)).isZero();
        long quietFetches = fetchesOf(quiet);
        assertThat(quietFetches).isPositive();

        refresh.refresh(); // asked about once per stale period, not on every run
        assertThat(fetchesOf(quiet)).isEqualTo(quietFetches);
        assertThat(fetchesOf(filtered)).isEqualTo(1); // terminal now: never asked again
    }

    record Row(String status, String reason, String providerMessageId, String errorCode) {}

    private long insert(String status, String phone, String body, String providerId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO outbound_messages (to_phone, body, kind, status, provider_message_id, gateway, attempts,
                    not_before, dispatched_at, created_at, status_at)
                VALUES (?, ?, 'transactional', ?, ?, 'twilio', 1, ?, ?, ?, ?) RETURNING id""")) {
            st.setString(1, phone);
            st.setString(2, body);
            st.setString(3, status);
            st.setString(4, providerId);
            for (int i = 5; i <= 8; i++) {
                Jdbc.setInstant(st, i, at);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void setProviderId(long id, String sid) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("UPDATE outbound_messages SET provider_message_id = ? WHERE id = ?")) {
            st.setString(1, sid);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    private Row row(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT status, status_reason, provider_message_id, error_code FROM outbound_messages WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> storedCallbacks(String sid) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT message_status FROM twilio_status_callbacks WHERE message_sid = ? AND applied_at IS NOT NULL")) {
            st.setString(1, sid);
            List<String> statuses = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
            return statuses;
        }
    }
}
