package io.comeback.privacy;

import io.comeback.privacy.PersonalData.Coupon;
import io.comeback.privacy.PersonalData.Received;
import io.comeback.privacy.PersonalData.Referral;
import io.comeback.privacy.PersonalData.ShortLink;
import io.comeback.privacy.PersonalData.SurveyAnswer;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The access export's reads of one person's rows beyond the profile: texts they sent, codes issued to them,
 * survey answers, short links and referrals.
 */
final class PersonRowStore {

    private PersonRowStore() {}

    /** As a customer, and from their number before it was a customer's (as the consent history shows them). */
    static List<Received> received(Connection c, long customer, String phone) throws SQLException {
        return rows(
                c,
                """
                SELECT received_at, from_phone, to_phone, body, routed_to, flow_id, answer, handled_at FROM inbound_messages
                WHERE customer_id = ? OR (customer_id IS NULL AND from_phone = ?) ORDER BY received_at, id""",
                customer,
                phone,
                rs -> new Received(
                        Jdbc.getInstant(rs, 1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        Jdbc.getInstant(rs, 8)));
    }

    static List<Coupon> coupons(Connection c, long customer) throws SQLException {
        return rows(
                c,
                """
                SELECT code, flow_id, step_id, issued_at, expires_at FROM coupons WHERE customer_id = ? ORDER BY issued_at, id""",
                customer,
                null,
                rs -> new Coupon(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Jdbc.getInstant(rs, 4),
                        Jdbc.getInstant(rs, 5)));
    }

    static List<SurveyAnswer> surveyAnswers(Connection c, long customer) throws SQLException {
        return rows(
                c,
                """
                SELECT flow_id, step_id, score, answered_at FROM survey_responses WHERE customer_id = ? ORDER BY answered_at, id""",
                customer,
                null,
                rs -> new SurveyAnswer(rs.getString(1), rs.getString(2), rs.getInt(3), Jdbc.getInstant(rs, 4)));
    }

    static List<ShortLink> shortLinks(Connection c, long customer) throws SQLException {
        return rows(
                c,
                """
                SELECT code, flow_id, campaign_id, step_id, link_name, target, created_at, clicked_at FROM short_links
                WHERE customer_id = ? ORDER BY created_at, code""",
                customer,
                null,
                rs -> new ShortLink(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        Jdbc.getInstant(rs, 7),
                        Jdbc.getInstant(rs, 8)));
    }

    static Referral referral(Connection c, long customer) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT (SELECT code FROM referral_codes WHERE customer_id = ?),
                       (SELECT referred_at FROM referrals WHERE referred_id = ?),
                       (SELECT converted_at FROM referrals WHERE referred_id = ?),
                       (SELECT count(*) FROM referrals WHERE referrer_id = ?)""")) {
            for (int i = 1; i <= 4; i++) {
                st.setLong(i, customer);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Referral(rs.getString(1), Jdbc.getInstant(rs, 2), Jdbc.getInstant(rs, 3), rs.getLong(4));
            }
        }
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The rows of a query on one customer: its id is the first parameter, and a phone the second when given. */
    static <T> List<T> rows(Connection c, String sql, long customer, String phone, RowMapper<T> mapper)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, customer);
            if (phone != null) {
                st.setString(2, phone);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return rows;
    }

    static List<PersonalData.CampaignEntry> campaignEntries(Connection c, long customer) throws SQLException {
        return rows(
                c,
                "SELECT campaign_id, keyword, entered_at FROM campaign_entries WHERE customer_id = ? ORDER BY entered_at",
                customer,
                null,
                rs -> new PersonalData.CampaignEntry(rs.getString(1), rs.getString(2), Jdbc.getInstant(rs, 3)));
    }
}
