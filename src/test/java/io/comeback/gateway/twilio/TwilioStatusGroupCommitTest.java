package io.comeback.gateway.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Status callbacks arriving together are written in groups: every one is still answered only after
 * it is stored, stored once, and applied once, even when Twilio repeats one inside the same group.
 */
@QuarkusTest
@TestProfile(TwilioWebhookProfile.class)
class TwilioStatusGroupCommitTest {

    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    RecordingStatusUpdateSink statuses;

    @Inject
    RecordingDeliveryProblemListener problems;

    @Inject
    DataSource dataSource;

    @Test
    void concurrentAndRepeatedCallbacksAreEachStoredAndAppliedOnce() throws Exception {
        String prefix = "SM" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        List<Map<String, String>> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String sid = prefix + String.format("%012d", i);
            for (String status : List.of("sent", "delivered")) {
                Map<String, String> params = params(sid, status, null);
                requests.add(params);
                requests.add(params); // Twilio repeats callbacks
            }
        }
        Collections.shuffle(requests);
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Map<String, String> params : requests) {
                answers.add(clients.submit(() -> post(params)));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }

        assertThat(stored(prefix)).isEqualTo(120);
        assertThat(unapplied(prefix)).isZero();
        for (int i = 0; i < 60; i++) {
            String sid = prefix + String.format("%012d", i);
            assertThat(statuses.appliedFor(sid))
                    .extracting(u -> u.status().wire())
                    .containsExactlyInAnyOrder("sent", "delivered");
        }
    }

    @Test
    void anErrorCodeInAGroupIsActedOnOnceAndThenMarkedApplied() throws Exception {
        String sid = TestData.messageSid();
        String phone = TestData.norwegianMobile();
        Map<String, String> params = params(sid, "undelivered", "30007");
        params.put("To", phone);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> post(params)));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }

        assertThat(problems.reportsFor(phone)).hasSize(1);
        assertThat(statuses.appliedFor(sid)).hasSize(1);
        assertThat(stored(sid)).isEqualTo(1);
        assertThat(unapplied(sid)).isZero();
    }

    private static int post(Map<String, String> params) {
        String sid = params.get("MessageSid");
        return RestAssured.given()
                .contentType(FORM)
                .formParams(params)
                .header(
                        "X-Twilio-Signature",
                        TwilioSignatures.sign(
                                TwilioWebhookProfile.AUTH_TOKEN,
                                TwilioWebhookProfile.PUBLIC_URL + "/webhooks/twilio/status",
                                params))
                .post("/webhooks/twilio/status")
                .statusCode();
    }

    private static Map<String, String> params(String sid, String status, String errorCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", FakeTwilioApi.ACCOUNT_SID);
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("To", "+4791234567");
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return params;
    }

    private long stored(String sidPrefix) throws SQLException {
        return count("SELECT count(*) FROM twilio_status_callbacks WHERE message_sid LIKE ?", sidPrefix + "%");
    }

    private long unapplied(String sidPrefix) throws SQLException {
        return count(
                "SELECT count(*) FROM twilio_status_callbacks WHERE message_sid LIKE ? AND applied_at IS NULL",
                sidPrefix + "%");
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
