package io.comeback.messaging;

import io.comeback.audience.ConsentLedger;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Carries out an opt-out, wherever it came from (a STOP text, a carrier's 21610): the customer's
 * consent becomes opted_out and is recorded in the ledger, every text not yet handed to the gateway
 * is blocked, and every running enrollment is told, all in the caller's transaction. A reply a person wrote that
 * still waits (held for quiet hours) is blocked too ({@link PersonReplies} reads consent under the same row lock).
 *
 * <p>Why no marketing text claimed after the opt-out commits reaches the gateway, on any replica:
 * the wake-up batch that prepares a text reads consent and writes its ledger row in its own
 * transaction, which races this one. (a) The batch commits first: its row is committed and pending
 * when this transaction's UPDATE runs (that statement starts after the customer row lock is taken,
 * and in READ COMMITTED it sees every row committed by then), so the row is blocked here. (b) This
 * commits first, or the two overlap so that neither sees the other's writes: the batch may still
 * write a pending marketing row from the consent it read earlier — but the dispatcher's claim
 * ({@code DispatchStore.CLAIM}) reads consent again in the claiming statement and blocks instead of
 * claiming a marketing row whose customer is not opted in; while this transaction holds the customer
 * row, the claim skips that person's rows (KEY SHARE … SKIP LOCKED) and takes them in a later round.
 * So the last moment a marketing text can still escape an opt-out is its claim, and a claim sees
 * either the committed opt-out (blocked) or an opt-out not yet committed (the text was already on its
 * way, like one the provider holds). A re-subscribe is the mirror image: a row the gate blocked
 * because consent read opted_out stays blocked; only texts prepared after START committed are sent.
 */
@ApplicationScoped
public class OptOuts {

    public static final String BLOCKED_REASON = "opted_out";

    private final ConsentLedger ledger;
    private final OptOutFollowUp followUp;

    public OptOuts(ConsentLedger ledger, OptOutFollowUp followUp) {
        this.ledger = ledger;
        this.followUp = followUp;
    }

    /** @return true when this changed anything (a repeated STOP changes nothing and confirms nothing) */
    public boolean optOut(Connection c, long customerId, String phone, String source, String keyword, Instant at)
            throws SQLException {
        Optional<String> before = consentOf(c, customerId);
        if (before.isEmpty() || "opted_out".equals(before.get())) {
            return false;
        }
        setConsent(c, customerId, "opted_out", source, at);
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE outbound_messages SET status = 'blocked', status_reason = ?, status_at = ?
                WHERE customer_id = ? AND status IN ('pending', 'held', 'awaiting_approval')
                  AND kind IN ('marketing', 'conversation')""")) {
            st.setString(1, BLOCKED_REASON);
            Jdbc.setInstant(st, 2, at);
            st.setLong(3, customerId);
            st.executeUpdate();
        }
        ledger.append(new ConsentLedger.Entry(customerId, phone, before.get(), "opted_out", source, null, keyword, at));
        followUp.optedOut(customerId);
        return true;
    }

    /** START / UNSTOP / YES from someone who opted out. */
    public boolean resubscribe(Connection c, long customerId, String phone, String keyword, Instant at)
            throws SQLException {
        Optional<String> before = consentOf(c, customerId);
        if (before.isEmpty() || !"opted_out".equals(before.get())) {
            return false;
        }
        String source = "sms keyword " + keyword;
        setConsent(c, customerId, "opted_in", source, at);
        ledger.append(new ConsentLedger.Entry(customerId, phone, "opted_out", "opted_in", source, null, keyword, at));
        return true;
    }

    private static void setConsent(Connection c, long customerId, String status, String source, Instant at)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE customers SET consent_status = ?, consent_source = ?, consent_text = NULL,
                    consent_at = ?, updated_at = now() WHERE id = ?""")) {
            st.setString(1, status);
            st.setString(2, source);
            Jdbc.setInstant(st, 3, at);
            st.setLong(4, customerId);
            st.executeUpdate();
        }
    }

    private static Optional<String> consentOf(Connection c, long customerId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT consent_status FROM customers WHERE id = ? FOR UPDATE")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
