package io.comeback.inbound;

import io.comeback.audience.ConsentLedger;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Double opt-in for keyword sign-ups. Someone who is not opted in texts the keyword of a marketing flow: the
 * service asks them to confirm ({@code comeback.replies.<LANGUAGE>.confirm-request}, in their language) and keeps
 * the question pending in
 * {@code keyword_confirmations}; a confirming answer (YES, JA) within {@code comeback.keywords.confirm-within}
 * opts them in — the consent change in the customer row and the consent ledger, with the keyword, the
 * question they confirmed and their answer — and the caller enters them into the flow. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class KeywordSignUps {

    /** A question waiting for its answer. */
    public record Pending(long id, String flowId, String keyword, String question) {}

    private static final String CLOSE_PENDING = """
            UPDATE keyword_confirmations SET closed_at = ? WHERE customer_id = ? AND closed_at IS NULL""";
    private static final String ASK = """
            INSERT INTO keyword_confirmations (customer_id, flow_id, keyword, question, asked_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String PENDING = """
            SELECT id, flow_id, keyword, question FROM keyword_confirmations
            WHERE customer_id = ? AND closed_at IS NULL AND expires_at > ?
            ORDER BY asked_at DESC, id DESC LIMIT 1 FOR UPDATE""";
    private static final String CONFIRM =
            "UPDATE keyword_confirmations SET closed_at = ?, confirmed = true WHERE id = ?";

    private final ConsentLedger ledger;
    private final Duration validFor;

    public KeywordSignUps(ConsentLedger ledger, KeywordsConfig config) {
        this.ledger = ledger;
        this.validFor = config.confirmWithin();
    }

    /**
     * Asks the customer to confirm signing up for {@code flowId} with {@code question} (kept: it is the consent text
     * they confirm); a question asked before and not answered is closed (the latest keyword is the one confirmed).
     *
     * @return the question, to answer the keyword text with
     */
    public String ask(Connection c, long customerId, String flowId, String keyword, String question, Instant at)
            throws SQLException {
        close(c, customerId, at);
        try (PreparedStatement st = c.prepareStatement(ASK)) {
            st.setLong(1, customerId);
            st.setString(2, flowId);
            st.setString(3, keyword);
            st.setString(4, question);
            Jdbc.setInstant(st, 5, at);
            Jdbc.setInstant(st, 6, at.plus(validFor));
            st.executeUpdate();
        }
        return question;
    }

    /** The customer's question still waiting for an answer at {@code at}, locked until the transaction ends. */
    public Optional<Pending> pending(Connection c, long customerId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(PENDING)) {
            st.setLong(1, customerId);
            Jdbc.setInstant(st, 2, at);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /**
     * The customer answered {@code answer} (a confirming word): they are opted in from {@code at}, recorded in the
     * consent ledger; nothing changes in the ledger when they were opted in already.
     */
    public void confirm(Connection c, Pending pending, long customerId, String phone, String answer, Instant at)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(CONFIRM)) {
            Jdbc.setInstant(st, 1, at);
            st.setLong(2, pending.id());
            st.executeUpdate();
        }
        String before;
        try (PreparedStatement st =
                c.prepareStatement("SELECT consent_status FROM customers WHERE id = ? FOR UPDATE")) {
            st.setLong(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                before = rs.getString(1);
            }
        }
        if ("opted_in".equals(before)) {
            return;
        }
        String source = "sms keyword " + pending.keyword() + ", confirmed with " + answer;
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE customers SET consent_status = 'opted_in', consent_source = ?, consent_text = ?, consent_at = ?,
                    updated_at = now() WHERE id = ?""")) {
            st.setString(1, source);
            st.setString(2, pending.question());
            Jdbc.setInstant(st, 3, at);
            st.setLong(4, customerId);
            st.executeUpdate();
        }
        ledger.append(new ConsentLedger.Entry(
                customerId, phone, before, "opted_in", source, pending.question(), pending.keyword(), at));
    }

    /** Closes the customer's pending question unanswered (they texted STOP: a later YES is not a confirmation). */
    public void close(Connection c, long customerId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(CLOSE_PENDING)) {
            Jdbc.setInstant(st, 1, at);
            st.setLong(2, customerId);
            st.executeUpdate();
        }
    }
}
