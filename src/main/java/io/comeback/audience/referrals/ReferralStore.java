package io.comeback.audience.referrals;

import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@code referral_codes} and {@code referrals}, in the caller's transaction. */
final class ReferralStore {

    /** A living customer who owns a code. */
    record Owner(long id, String externalId) {}

    /** A referral as stored. */
    record Referral(long referrerId, Instant referredAt) {}

    /** A referral converted just now, with what its reward flow may say of the friend. */
    record Conversion(long referrerId, String referredFirstName) {}

    /** What the API shows of a customer's referrals. */
    record Standing(
            String referrerExternalId, Instant referredAt, Instant convertedAt, long referred, long converted) {}

    private ReferralStore() {}

    static Optional<Long> livingCustomer(Connection c, String externalId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT id FROM customers WHERE external_id = ? AND erased_at IS NULL")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    static Standing standing(Connection c, long customerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT referrer.external_id, r.referred_at, r.converted_at,
                       (SELECT count(*) FROM referrals m WHERE m.referrer_id = ?),
                       (SELECT count(*) FROM referrals m WHERE m.referrer_id = ? AND m.converted_at IS NOT NULL)
                FROM (SELECT 1) one
                LEFT JOIN referrals r ON r.referred_id = ?
                LEFT JOIN customers referrer ON referrer.id = r.referrer_id""")) {
            st.setLong(1, customerId);
            st.setLong(2, customerId);
            st.setLong(3, customerId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Standing(
                        rs.getString(1), Jdbc.getInstant(rs, 2), Jdbc.getInstant(rs, 3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    static Optional<Owner> owner(Connection c, String code) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT cu.id, cu.external_id FROM referral_codes r JOIN customers cu ON cu.id = r.customer_id
                WHERE r.code = ? AND cu.erased_at IS NULL""")) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Owner(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    static Optional<Referral> referralOf(Connection c, long referredId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT referrer_id, referred_at FROM referrals WHERE referred_id = ?")) {
            st.setLong(1, referredId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Referral(rs.getLong(1), Jdbc.getInstant(rs, 2))) : Optional.empty();
            }
        }
    }

    static boolean hasOrdered(Connection c, long customerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = ?)")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** False when the customer was referred meanwhile (the row is there already). */
    static boolean insert(Connection c, long referredId, long referrerId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO referrals (referred_id, referrer_id, referred_at) VALUES (?, ?, ?)
                ON CONFLICT (referred_id) DO NOTHING""")) {
            st.setLong(1, referredId);
            st.setLong(2, referrerId);
            Jdbc.setInstant(st, 3, at);
            return st.executeUpdate() == 1;
        }
    }

    /** Converts the customer's referral once; empty when there is none or it converted before. */
    static Optional<Conversion> convert(Connection c, long referredId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE referrals r SET converted_at = ?
                FROM customers referrer, customers referred
                WHERE r.referred_id = ? AND r.converted_at IS NULL
                  AND referrer.id = r.referrer_id AND referred.id = r.referred_id
                RETURNING r.referrer_id, referrer.erased_at IS NULL, referred.first_name""")) {
            Jdbc.setInstant(st, 1, at);
            st.setLong(2, referredId);
            try (ResultSet rs = st.executeQuery()) {
                // An erased referrer's referral converts (the report counts it) but rewards no one.
                return rs.next() && rs.getBoolean(2)
                        ? Optional.of(new Conversion(rs.getLong(1), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }
}
