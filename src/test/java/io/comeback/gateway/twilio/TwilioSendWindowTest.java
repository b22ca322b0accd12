package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.comeback.testing.RuntimeDriver;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours reach Twilio end to end: the compliance gate stores each text's deadline (the next
 * quiet window in the recipient's zone), Twilio gets it as {@code ValidityPeriod}, and a row the
 * dispatcher claims too late is deferred to the next morning instead of being sent at night. The runtime is driven
 * step by step ({@link RuntimeDriver}).
 */
@QuarkusTest
@TestProfile(TwilioGatewayProfile.class)
class TwilioSendWindowTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Inject
    AgroalDataSource dataSource;

    private RuntimeDriver runtime;

    @BeforeEach
    void driveTheRuntime() {
        runtime = new RuntimeDriver();
    }

    private static Instant oslo(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(OSLO).toInstant();
    }

    private static List<FakeTwilioApi.Received> createsTo(String phone) {
        return FakeTwilioResource.api.received().stream()
                .filter(r -> r.method().equals("POST") && phone.equals(r.form().get("To")))
                .toList();
    }

    @Test
    void aWelcomeTextAtTwoInTheAfternoonMayWaitInTwiliosQueueUntilNineInTheEvening() {
        Instant twoPm = oslo("2030-03-05T14:00");
        TestClockProducer.CLOCK.setTo(twoPm);
        String phone = TestData.norwegianMobile();
        RestAssured.given()
                .header("Authorization", "Bearer test-key")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "phone",
                        phone,
                        "firstName",
                        "Kari",
                        "consent",
                        Map.of("status", "opted_in", "source", "checkout")))
                .put("/api/customers/" + TestData.customerId())
                .then()
                .statusCode(201);

        runtime.runDue();
        assertThat(createsTo(phone)).as("the welcome text at Twilio").isNotEmpty();
        FakeTwilioApi.Received create = createsTo(phone).get(0);

        long expected = Duration.between(twoPm, oslo("2030-03-05T21:00")).toSeconds(); // 25,200
        assertThat(Long.parseLong(create.form().get("ValidityPeriod"))).isBetween(expected - 30, expected);
        assertThat(ledger(phone).validUntil()).isEqualTo(oslo("2030-03-05T21:00"));
    }

    @Test
    void aRowClaimedAfterItsWindowClosedIsDeferredToEightNextMorningNotSentAndSentThen() throws SQLException {
        String phone = TestData.norwegianMobile();
        TestClockProducer.CLOCK.setTo(oslo("2030-03-05T22:10"));
        // Due at 20:55, held back (retries, pacing) until after quiet hours began at 21:00.
        long id = insertPending(phone, oslo("2030-03-05T20:55"), oslo("2030-03-05T21:00"));

        runtime.runDue();
        Row deferred = row(id);
        assertThat(deferred.status()).as("the late row deferred").isEqualTo("pending");
        assertThat(deferred.reason()).as("the late row deferred").isNotNull();
        assertThat(deferred.notBefore()).isEqualTo(oslo("2030-03-06T08:00"));
        assertThat(deferred.validUntil()).isEqualTo(oslo("2030-03-06T21:00"));
        assertThat(deferred.reason()).startsWith("quiet_hours").contains("2030-03-06T07:00:00Z");
        assertThat(deferred.attempts()).isZero();
        assertThat(createsTo(phone)).isEmpty();

        TestClockProducer.CLOCK.setTo(oslo("2030-03-06T08:00").plusSeconds(1));
        runtime.runDue();
        Row sent = row(id);
        assertThat(sent.providerMessageId()).as("the row sent in the morning").isNotNull();
        assertThat(sent.status()).isEqualTo("queued");
        assertThat(createsTo(phone))
                .singleElement()
                .satisfies(create -> assertThat(create.form())
                        .containsEntry("ValidityPeriod", "36000")); // 13 h until 21:00, capped at Twilio's 10 h
    }

    record Row(
            String status,
            String reason,
            Instant notBefore,
            Instant validUntil,
            int attempts,
            String providerMessageId) {}

    private long insertPending(String phone, Instant notBefore, Instant validUntil) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO outbound_messages (to_phone, body, kind, status, not_before, created_at, status_at,
                    valid_until, quiet_hours, time_zone)
                VALUES (?, 'Siste sjanse: 20 % i kveld', 'transactional', 'pending', ?, ?, ?, ?, '21:00-08:00', 'Europe/Oslo')
                RETURNING id""")) {
            st.setString(1, phone);
            Jdbc.setInstant(st, 2, notBefore);
            Jdbc.setInstant(st, 3, notBefore);
            Jdbc.setInstant(st, 4, notBefore);
            Jdbc.setInstant(st, 5, validUntil);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Row ledger(String phone) {
        return query(
                "SELECT status, status_reason, not_before, valid_until, attempts, provider_message_id"
                        + " FROM outbound_messages WHERE to_phone = ? ORDER BY id DESC LIMIT 1",
                phone);
    }

    private Row row(long id) {
        return query(
                "SELECT status, status_reason, not_before, valid_until, attempts, provider_message_id"
                        + " FROM outbound_messages WHERE id = CAST(? AS bigint)",
                Long.toString(id));
    }

    private Row query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Row(
                        rs.getString(1),
                        rs.getString(2),
                        Jdbc.getInstant(rs, 3),
                        Jdbc.getInstant(rs, 4),
                        rs.getInt(5),
                        rs.getString(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
