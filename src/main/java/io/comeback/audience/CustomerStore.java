package io.comeback.audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes customers with one race-free statement (INSERT … ON CONFLICT), so two shops' webhooks
 * for the same person never create two rows. Callers provide the transaction.
 */
@ApplicationScoped
public class CustomerStore {

    private static final String UPSERT = """
            INSERT INTO customers (external_id, phone, first_name, last_name, email, locale, time_zone, birthday,
                                   attributes, consent_status, consent_source, consent_text, consent_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), COALESCE(?, 'unknown'), ?, ?, ?)
            ON CONFLICT (external_id) DO UPDATE SET
                -- A new number may reach the person again; an unreachable mark belongs to the old one.
                unreachable_since = CASE WHEN customers.phone IS DISTINCT FROM EXCLUDED.phone THEN NULL ELSE customers.unreachable_since END,
                phone = EXCLUDED.phone, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                email = EXCLUDED.email, locale = EXCLUDED.locale, time_zone = EXCLUDED.time_zone,
                birthday = EXCLUDED.birthday, attributes = EXCLUDED.attributes,
                consent_status = CASE WHEN ? THEN EXCLUDED.consent_status ELSE customers.consent_status END,
                consent_source = CASE WHEN ? THEN EXCLUDED.consent_source ELSE customers.consent_source END,
                consent_text = CASE WHEN ? THEN EXCLUDED.consent_text ELSE customers.consent_text END,
                consent_at = CASE WHEN ? THEN EXCLUDED.consent_at ELSE customers.consent_at END,
                updated_at = now()
            RETURNING id, (xmax = 0) AS inserted
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CustomerStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public record Upserted(long id, boolean inserted) {}

    public Upserted upsert(CustomerDraft c) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(UPSERT)) {
            int i = 0;
            st.setString(++i, c.externalId());
            st.setString(++i, c.phone());
            st.setString(++i, c.firstName());
            st.setString(++i, c.lastName());
            st.setString(++i, c.email());
            st.setString(++i, c.locale());
            st.setString(++i, c.timeZone().getId());
            st.setDate(++i, c.birthday() == null ? null : Date.valueOf(c.birthday()));
            st.setString(++i, json.writeValueAsString(c.attributes()));
            CustomerDraft.Consent consent = c.consent();
            st.setString(++i, consent == null ? null : consent.status().yamlName());
            st.setString(++i, consent == null ? null : consent.source());
            st.setString(++i, consent == null ? null : consent.text());
            Jdbc.setInstant(st, ++i, consent == null ? null : consent.at());
            for (int k = 0; k < 4; k++) {
                st.setBoolean(++i, consent != null);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Upserted(rs.getLong(1), rs.getBoolean(2));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not store customer " + c.externalId(), e);
        }
    }

    public record StoredConsent(String status, Instant at) {}

    /** The stored consent of a living customer, locked until the transaction ends so concurrent writers queue. */
    public Optional<StoredConsent> lockConsent(String externalId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(
                        "SELECT consent_status, consent_at FROM customers WHERE external_id = ? FOR UPDATE")) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredConsent(rs.getString(1), Jdbc.getInstant(rs, 2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The living customer other than {@code externalId} who already has this phone number. */
    public Optional<String> phoneOwner(String e164, String externalId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement st = connection.prepareStatement(
                        "SELECT external_id FROM customers WHERE phone = ? AND erased_at IS NULL AND external_id <> ?")) {
            st.setString(1, e164);
            st.setString(2, externalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
