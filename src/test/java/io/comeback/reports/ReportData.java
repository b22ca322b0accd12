package io.comeback.reports;

import static io.comeback.testing.Api.given;

import io.agroal.api.AgroalDataSource;
import io.comeback.testing.TestData;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Hand-built history for report tests: the rows the runtime would have written over weeks (enrollments,
 * ledger rows with their final status, inbound texts, consent changes), inserted directly; customers and
 * orders go through the real API so the customer facts are the service's own.
 */
final class ReportData {

    private final AgroalDataSource dataSource;

    ReportData(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** A flow that ran once (its version is in the history), so reports know it; not in the flow folder. */
    void flow(String flowId, String attributionWindowOrNull) {
        String settings = attributionWindowOrNull == null
                ? ""
                : "settings:\n  attribution_window: " + attributionWindowOrNull + "\n";
        String source = "id: " + flowId + "\nname: Report test\n" + settings + "trigger: customer_created\nsteps:\n"
                + "  - id: hello\n    send:\n      text: \"Hei! Svar STOPP for å melde deg av.\"\n";
        update("INSERT INTO flow_versions (flow_id, version, source) VALUES (?, 'v1', ?)", flowId, source);
    }

    /** A customer created through the API (no phone, so no flow texts them); returns the internal id. */
    long customer(String externalId) {
        given().body(Map.of("firstName", "Test"))
                .put("/api/customers/" + externalId)
                .then()
                .statusCode(201);
        return queryLong("SELECT id FROM customers WHERE external_id = ?", externalId);
    }

    /** @return the order's id */
    String order(String customerExternalId, String placedAt, String total) {
        String orderId = TestData.id("o");
        given().body(Map.of(
                        "orderId",
                        orderId,
                        "customerId",
                        customerExternalId,
                        "total",
                        total,
                        "currency",
                        "NOK",
                        "placedAt",
                        placedAt))
                .post("/api/orders")
                .then()
                .statusCode(201);
        return orderId;
    }

    long enrollment(
            String flowId,
            long customerId,
            String status,
            String enteredAt,
            boolean conversion,
            String exitReason,
            String exitedAt) {
        return queryLong(
                """
                INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason, conversion)
                VALUES (?, 'v1', ?, ?, ?, ?, ?, ?) RETURNING id""",
                flowId,
                customerId,
                status,
                ts(enteredAt),
                ts(exitedAt == null ? enteredAt : exitedAt),
                exitReason,
                conversion);
    }

    /** A ledger row with its final status; {@code statusAt} is when it reached it (delivery time for delivered). */
    void message(
            String flowId,
            Long enrollmentId,
            long customerId,
            String status,
            String errorCode,
            String createdAt,
            String statusAt) {
        update(
                """
                INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, body, kind,
                    status, error_code, not_before, created_at, status_at)
                VALUES (?, ?, ?, ?, 'v1', 'hello', 'Hei!', 'marketing', ?, ?, ?, ?, ?)""",
                enrollmentId,
                enrollmentId == null ? null : TestData.id("key"),
                customerId,
                flowId,
                status,
                errorCode,
                ts(createdAt),
                ts(createdAt),
                ts(statusAt));
    }

    void inbound(long customerId, Long enrollmentId, String routedTo, String receivedAt) {
        update("""
                INSERT INTO inbound_messages (provider_message_id, from_phone, body, received_at, customer_id, routed_to, enrollment_id)
                VALUES (?, '+4790000000', 'Ja', ?, ?, ?, ?)""", TestData.id("SM"), ts(receivedAt), customerId, routedTo, enrollmentId);
    }

    void click(long customerId, String at) {
        update("INSERT INTO engagement_events (customer_id, type, at) VALUES (?, 'link_click', ?)", customerId, ts(at));
    }

    void optOut(long customerId, String at) {
        update(
                "INSERT INTO consent_events (customer_id, change, status, source, at) VALUES (?, 'opt_out', 'opted_out', 'sms: STOPP', ?)",
                customerId,
                ts(at));
    }

    /** A code the flow issued, redeemed by the customer's order with this total. */
    void redemption(String flowId, long customerId, String orderExternalId, String placedAt, String total) {
        long coupon =
                queryLong("""
                INSERT INTO coupons (code, flow_id, enrollment_id, customer_id, step_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, 'offer', ?, ?) RETURNING id""", TestData.id("CODE"), flowId, TestData.id("enr"), customerId, ts(placedAt), ts(placedAt));
        long order = queryLong("SELECT id FROM orders WHERE order_id = ?", orderExternalId);
        update("""
                INSERT INTO coupon_redemptions (order_id, coupon_id, flow_id, customer_id, placed_at, total, within_validity)
                VALUES (?, ?, ?, ?, ?, ?, true)""", order, coupon, flowId, customerId, ts(placedAt), new BigDecimal(total));
    }

    void surveyAnswer(String flowId, long customerId, int score, String answeredAt) {
        update("""
                INSERT INTO survey_responses (enrollment_id, flow_id, step_id, customer_id, score, answered_at)
                VALUES (0, ?, 'ask', ?, ?, ?)""", flowId, customerId, score, ts(answeredAt));
    }

    long queryLong(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = prepare(c, sql, params)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }

    private static OffsetDateTime ts(String instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }
}
