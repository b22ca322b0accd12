package io.comeback.shops;

import io.comeback.audience.ConsentLedger;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.messaging.OptOuts;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * A shop's word on a known customer's SMS marketing consent, applied only when it is newer than the consent Comeback
 * holds: a STOP texted to Comeback after the customer ticked the box at checkout is not undone by a later delivery
 * that still carries the old tick. An opt-out is carried out like any other ({@link OptOuts}: texts not sent are
 * blocked, flows end); every change lands in the consent ledger with the shop as its source.
 */
@ApplicationScoped
public class ShopConsents {

    private final OptOuts optOuts;
    private final ConsentLedger ledger;
    private final Clock clock;

    public ShopConsents(OptOuts optOuts, ConsentLedger ledger, Clock clock) {
        this.optOuts = optOuts;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** @return true when the customer's consent changed */
    public boolean apply(Connection c, long customerId, ShopCustomer.Consent consent) throws SQLException {
        if (consent == null) {
            return false;
        }
        Instant at = consent.at() != null ? consent.at() : clock.instant();
        String status;
        Instant storedAt;
        String phone;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT consent_status, consent_at, phone FROM customers WHERE id = ? AND erased_at IS NULL FOR UPDATE")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                status = rs.getString(1);
                storedAt = Jdbc.getInstant(rs, 2);
                phone = rs.getString(3);
            }
        }
        if (storedAt != null && !at.isAfter(storedAt)) {
            return false;
        }
        String after = consent.status().yamlName();
        if (!ConsentLedger.isChange(status, storedAt, after, at)) {
            return false;
        }
        if (consent.status() == ConsentStatus.OPTED_OUT) {
            return optOuts.optOut(c, customerId, phone, consent.source(), null, at);
        }
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE customers SET consent_status = ?, consent_source = ?, consent_text = NULL, consent_at = ?,
                    updated_at = now()
                WHERE id = ?""")) {
            st.setString(1, after);
            st.setString(2, consent.source());
            Jdbc.setInstant(st, 3, at);
            st.setLong(4, customerId);
            st.executeUpdate();
        }
        ledger.append(new ConsentLedger.Entry(customerId, phone, status, after, consent.source(), null, null, at));
        return true;
    }
}
