package io.comeback.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ConsentHistory;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.messaging.MessageStore;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything held about one person, for an access request (GDPR art. 15): the profile as stored, consent
 * and its history, orders, events, enrollments, the texts sent to them with their delivery history, the
 * texts they sent, coupon codes issued to them and survey answers. The same tables {@link ErasureScrub}
 * clears; reports' aggregates hold nothing of one person and are not part of it.
 */
@ApplicationScoped
public class PersonalDataExport {

    public record Export(
            Instant exportedAt,
            Profile customer,
            List<ConsentHistory.Change> consentHistory,
            List<Order> orders,
            List<Event> events,
            List<EnrollmentStore.EnrollmentView> enrollments,
            List<MessageStore.Message> messagesSent,
            List<Received> messagesReceived,
            List<Coupon> coupons,
            List<SurveyAnswer> surveyAnswers) {}

    public record Profile(
            String externalId,
            String phone,
            String firstName,
            String lastName,
            String email,
            String locale,
            String timeZone,
            LocalDate birthday,
            JsonNode attributes,
            List<String> tags,
            Consent consent,
            Facts facts,
            Unreachable unreachable,
            Instant createdAt,
            Instant updatedAt) {}

    public record Consent(String status, String source, String text, Instant at) {}

    public record Facts(
            int ordersCount, Instant firstOrderAt, Instant lastOrderAt, BigDecimal totalSpent, Instant lastEngagedAt) {}

    public record Unreachable(Instant since, String reason) {}

    /** {@code total}: the amount ordered; {@code refunded}: what was refunded of it. */
    public record Order(
            String orderId,
            String status,
            BigDecimal total,
            BigDecimal refunded,
            String currency,
            Instant placedAt,
            String couponCode,
            JsonNode items) {}

    public record Event(String type, Instant at, JsonNode properties) {}

    public record Received(
            Instant receivedAt,
            String from,
            String to,
            String body,
            String routedTo,
            String flowId,
            String answer,
            Instant handledAt) {}

    public record Coupon(String code, String flowId, String stepId, Instant issuedAt, Instant expiresAt) {}

    public record SurveyAnswer(String flowId, String stepId, int score, Instant answeredAt) {}

    private final AgroalDataSource dataSource;
    private final ConsentHistory consent;
    private final EnrollmentStore enrollments;
    private final MessageStore messages;
    private final ObjectMapper json;
    private final Clock clock;

    public PersonalDataExport(
            AgroalDataSource dataSource,
            ConsentHistory consent,
            EnrollmentStore enrollments,
            MessageStore messages,
            ObjectMapper json,
            Clock clock) {
        this.dataSource = dataSource;
        this.consent = consent;
        this.enrollments = enrollments;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** Empty when no living customer has this id (never there, or erased: then nothing is held). */
    public Optional<Export> of(String externalId) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> id =
                    single(c, "SELECT id FROM customers WHERE external_id = ? AND erased_at IS NULL", externalId);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            long customer = id.get();
            Profile profile = profile(c, customer);
            return Optional.of(new Export(
                    clock.instant(),
                    profile,
                    consent.of(customer, profile.phone()),
                    orders(c, customer),
                    events(c, customer),
                    enrollments.ofCustomer(customer),
                    messages.ofCustomer(customer, Integer.MAX_VALUE),
                    received(c, customer, profile.phone()),
                    coupons(c, customer),
                    surveyAnswers(c, customer)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not export customer '" + externalId + "'", e);
        }
    }

    private Profile profile(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT external_id, phone, first_name, last_name, email, locale, time_zone, birthday, attributes::text,
                       tags, consent_status, consent_source, consent_text, consent_at, orders_count, first_order_at,
                       last_order_at, total_spent, last_engaged_at, unreachable_since, unreachable_reason, created_at,
                       updated_at
                FROM customers WHERE id = ?""")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Array tags = rs.getArray(10);
                Instant unreachableSince = Jdbc.getInstant(rs, 20);
                return new Profile(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, LocalDate.class),
                        tree(rs.getString(9)),
                        tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                        new Consent(rs.getString(11), rs.getString(12), rs.getString(13), Jdbc.getInstant(rs, 14)),
                        new Facts(
                                rs.getInt(15),
                                Jdbc.getInstant(rs, 16),
                                Jdbc.getInstant(rs, 17),
                                rs.getBigDecimal(18),
                                Jdbc.getInstant(rs, 19)),
                        unreachableSince == null ? null : new Unreachable(unreachableSince, rs.getString(21)),
                        Jdbc.getInstant(rs, 22),
                        Jdbc.getInstant(rs, 23));
            }
        }
    }

    private List<Order> orders(Connection c, long customer) throws SQLException {
        List<Order> orders = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT order_id, status, total + refunded_total, refunded_total, currency, placed_at, coupon_code,
                       items::text
                FROM (SELECT id, order_id, status, total, refunded_total, currency, placed_at, coupon_code, items
                      FROM orders WHERE customer_id = ?
                      UNION ALL
                      SELECT id, order_id, status, total, refunded_total, currency, placed_at, coupon_code, items
                      FROM orders_not_counted WHERE customer_id = ?) o
                ORDER BY placed_at, order_id""")) {
            st.setLong(1, customer);
            st.setLong(2, customer);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    orders.add(new Order(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getBigDecimal(3),
                            rs.getBigDecimal(4),
                            rs.getString(5),
                            Jdbc.getInstant(rs, 6),
                            rs.getString(7),
                            tree(rs.getString(8))));
                }
            }
        }
        return orders;
    }

    private List<Event> events(Connection c, long customer) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT type, at, properties::text FROM engagement_events WHERE customer_id = ? ORDER BY at, id""")) {
            st.setLong(1, customer);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getString(1), Jdbc.getInstant(rs, 2), tree(rs.getString(3))));
                }
            }
        }
        return events;
    }

    /** As a customer, and from their number before it was a customer's (as the consent history shows them). */
    private static List<Received> received(Connection c, long customer, String phone) throws SQLException {
        List<Received> received = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT received_at, from_phone, to_phone, body, routed_to, flow_id, answer, handled_at FROM inbound_messages
                WHERE customer_id = ? OR (customer_id IS NULL AND from_phone = ?) ORDER BY received_at, id""")) {
            st.setLong(1, customer);
            st.setString(2, phone);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    received.add(new Received(
                            Jdbc.getInstant(rs, 1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            Jdbc.getInstant(rs, 8)));
                }
            }
        }
        return received;
    }

    private static List<Coupon> coupons(Connection c, long customer) throws SQLException {
        List<Coupon> coupons = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT code, flow_id, step_id, issued_at, expires_at FROM coupons WHERE customer_id = ? ORDER BY issued_at, id""")) {
            st.setLong(1, customer);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    coupons.add(new Coupon(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            Jdbc.getInstant(rs, 4),
                            Jdbc.getInstant(rs, 5)));
                }
            }
        }
        return coupons;
    }

    private static List<SurveyAnswer> surveyAnswers(Connection c, long customer) throws SQLException {
        List<SurveyAnswer> answers = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT flow_id, step_id, score, answered_at FROM survey_responses WHERE customer_id = ? ORDER BY answered_at, id""")) {
            st.setLong(1, customer);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    answers.add(
                            new SurveyAnswer(rs.getString(1), rs.getString(2), rs.getInt(3), Jdbc.getInstant(rs, 4)));
                }
            }
        }
        return answers;
    }

    private static Optional<Long> single(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored JSON value does not parse", e);
        }
    }
}
