package io.comeback.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ConsentHistory;
import io.comeback.enrollment.EnrollmentStore;
import io.comeback.messaging.MessageStore;
import io.comeback.privacy.PersonalData.Consent;
import io.comeback.privacy.PersonalData.Event;
import io.comeback.privacy.PersonalData.Export;
import io.comeback.privacy.PersonalData.Facts;
import io.comeback.privacy.PersonalData.Order;
import io.comeback.privacy.PersonalData.Profile;
import io.comeback.privacy.PersonalData.Unreachable;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything held about one person, for an access request (GDPR art. 15): the profile as stored, consent
 * and its history, orders, events, enrollments, the texts sent to them with their delivery history, the
 * texts they sent, coupon codes issued to them, survey answers, campaign keyword entries, the short links made for them and their
 * referrals. The same tables {@link ErasureScrub} clears; reports' aggregates hold nothing of one person and are
 * not part of it.
 */
@ApplicationScoped
public class PersonalDataExport {

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
                    PersonRowStore.received(c, customer, profile.phone()),
                    PersonRowStore.coupons(c, customer),
                    PersonRowStore.surveyAnswers(c, customer),
                    PersonRowStore.shortLinks(c, customer),
                    PersonRowStore.referral(c, customer),
                    PersonRowStore.campaignEntries(c, customer)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not export customer '" + externalId + "'", e);
        }
    }

    private Profile profile(Connection c, long id) throws SQLException {
        return PersonRowStore.rows(c, """
                SELECT external_id, phone, first_name, last_name, email, locale, time_zone, birthday, attributes::text,
                       tags, consent_status, consent_source, consent_text, consent_at, orders_count, first_order_at,
                       last_order_at, total_spent, last_engaged_at, unreachable_since, unreachable_reason, created_at,
                       updated_at, favourite_category, last_product
                FROM customers WHERE id = ?""", id, null, rs -> {
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
                                    Jdbc.getInstant(rs, 19),
                                    rs.getString(24),
                                    rs.getString(25)),
                            unreachableSince == null ? null : new Unreachable(unreachableSince, rs.getString(21)),
                            Jdbc.getInstant(rs, 22),
                            Jdbc.getInstant(rs, 23));
                })
                .get(0);
    }

    private List<Order> orders(Connection c, long customer) throws SQLException {
        return PersonRowStore.rows(
                c,
                """
                SELECT order_id, status, order_amount, order_refunded, currency, placed_at, coupon_code, items::text
                FROM (SELECT customer_id, order_id, status, order_amount, order_refunded, currency, placed_at,
                             coupon_code, items
                      FROM orders
                      UNION ALL
                      SELECT customer_id, order_id, status, order_amount, order_refunded, currency, placed_at,
                             coupon_code, items
                      FROM orders_not_counted) o
                WHERE customer_id = ? ORDER BY placed_at, order_id""",
                customer,
                null,
                rs -> new Order(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        Jdbc.getInstant(rs, 6),
                        rs.getString(7),
                        tree(rs.getString(8))));
    }

    private List<Event> events(Connection c, long customer) throws SQLException {
        return PersonRowStore.rows(
                c,
                "SELECT type, at, properties::text FROM engagement_events WHERE customer_id = ? ORDER BY at, id",
                customer,
                null,
                rs -> new Event(rs.getString(1), Jdbc.getInstant(rs, 2), tree(rs.getString(3))));
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
