package io.comeback.privacy;

import io.comeback.gateway.twilio.ErasedTexts;
import io.comeback.support.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Every table that holds something of a person, and what erasure leaves of it: the list to extend when a
 * table gets a column with a number, a name, an e-mail address, attributes or a text's words
 * ({@code ErasureTest} reads every text column of the database after an erasure and fails on any left).
 * Rows stay where reports count them (texts, replies, orders, enrollments, consent changes); what could
 * point back at the person goes. Runs in {@link PersonErasure}'s transaction, after its locks.
 *
 * <p>What stays: ids, statuses, times, amounts, error codes, flow and step names, the provider's message ids
 * (so late receipts are recognised), coupon codes (random; a shared code may still be redeemed by others).
 *
 * <p>Rows are found through the customer's id (texts, replies, orders, enrollments…), through those rows (the
 * provider's webhooks by message id, the simulator's copies by ledger id), and by the customer's current
 * number (texts it sent before it was a customer's). A number the person had before is cleared wherever a
 * row links it to them; a row that only carries that old number (a STOP sent from it before it was theirs)
 * is left, since the number may be someone else's by now.
 */
final class ErasureScrub {

    private static final String TWILIO_PARAMS_KEPT = ErasedTexts.keptParams("params");

    private static final String TEXTS_OF = "SELECT id FROM outbound_messages WHERE customer_id = ?";
    private static final String PROVIDER_IDS_OF = """
            SELECT provider_message_id FROM outbound_messages WHERE customer_id = ? AND provider_message_id IS NOT NULL""";

    // Held (a paused flow) and awaiting approval are not handed over either.
    private static final String NOT_HANDED_OVER = "'pending', 'dispatching', 'unknown', 'held', 'awaiting_approval'";
    // Texts not handed over are cancelled (the dispatcher never claims a blocked row); every text loses its
    // number and words. A provider's error detail can quote the number: only the gate's own reason codes
    // (on blocked rows) stay.
    private static final String OUTBOUND = """
            UPDATE outbound_messages SET
                status = CASE WHEN status IN (%1$s) THEN 'blocked' ELSE status END,
                status_reason = CASE WHEN status IN (%1$s) THEN 'erased'
                                     WHEN status = 'blocked' THEN status_reason END,
                status_at = CASE WHEN status IN (%1$s) THEN ? ELSE status_at END,
                to_phone = NULL, body = ''
            WHERE customer_id = ?""".formatted(NOT_HANDED_OVER);
    private static final String STATUS_HISTORY = """
            UPDATE message_status_history SET detail = NULL
            WHERE message_id IN (%s) AND detail IS NOT NULL""".formatted(TEXTS_OF);
    private static final String TWILIO_STATUS = """
            UPDATE twilio_status_callbacks SET to_number = NULL, params = %s
            WHERE message_sid IN (%s)""".formatted(TWILIO_PARAMS_KEPT, PROVIDER_IDS_OF);
    // By number, and by message (message_key: the SID, or "ledger:<id>" for a refused create) for the texts
    // that went to a number the person had before.
    private static final String DELIVERY_ERRORS = """
            UPDATE twilio_delivery_errors SET phone = NULL
            WHERE phone = ? OR message_key IN (%s UNION ALL SELECT 'ledger:' || id FROM outbound_messages WHERE customer_id = ?)""".formatted(PROVIDER_IDS_OF);
    private static final String SIMULATOR = """
            UPDATE simulator_messages SET to_phone = NULL, from_phone = NULL, body = ''
            WHERE ledger_id IN (%s) OR to_phone = ? OR from_phone = ?""".formatted(TEXTS_OF);

    // Texts the person sent: as a customer, and from their number before it was a customer's (a STOP from an
    // unknown number). The raw webhooks first, found through them.
    private static final String INBOUND_OF = """
            SELECT provider_message_id FROM inbound_messages WHERE customer_id = ?
            UNION ALL SELECT provider_message_id FROM inbound_messages WHERE customer_id IS NULL AND from_phone = ?""";
    private static final String TWILIO_INBOUND = """
            UPDATE twilio_inbound_messages SET from_number = NULL, body = '', params = %s
            WHERE message_sid IN (%s) OR from_number = ?""".formatted(TWILIO_PARAMS_KEPT, INBOUND_OF);
    // Replies waiting in the dashboard's inbox are closed: there is no one left to answer.
    private static final String INBOUND = """
            UPDATE inbound_messages SET from_phone = NULL, body = '',
                handled_at = CASE WHEN routed_to = 'inbox' AND handled_at IS NULL THEN ? ELSE handled_at END,
                handled_by = CASE WHEN routed_to = 'inbox' AND handled_at IS NULL THEN 'erasure' ELSE handled_by END
            WHERE customer_id = ? OR (customer_id IS NULL AND from_phone = ?)""";
    // Their conversation closes and forgets the number; its thread was the texts above.
    private static final String CONVERSATIONS = """
            UPDATE conversations SET phone = NULL,
                closed_at = CASE WHEN status = 'open' THEN ? ELSE closed_at END,
                closed_by = CASE WHEN status = 'open' THEN 'erasure' ELSE closed_by END, status = 'closed'
            WHERE customer_id = ? OR phone = ?""";

    // The consent ledger keeps what was agreed, where and when, as proof — not whose number it was, nor the
    // words the person texted: a source the service wrote from a text ("sms: …", "sms keyword …") becomes "sms".
    private static final String WORDS_OUT = """
            phone = NULL, keyword = NULL, source = CASE WHEN source LIKE 'sms%' THEN 'sms' ELSE source END""";
    private static final String CONSENT = "UPDATE consent_events SET " + WORDS_OUT + " WHERE customer_id = ?";
    // Opt-outs by the number before it was a customer's keep only its hash.
    private static final String CONSENT_BY_NUMBER = "UPDATE consent_events SET " + WORDS_OUT + ", phone_hash = ?"
            + " WHERE customer_id IS NULL AND (phone = ? OR phone_hash = ?)";
    // An opted-out number stays suppressed by its hash, from the time of the opt-out (PhoneSuppressions).
    private static final String SUPPRESS = """
            INSERT INTO consent_events (customer_id, phone, phone_hash, change, status, source, at)
            VALUES (NULL, NULL, ?, 'opt_out', 'opted_out', 'opted out, then erased', ?)""";
    private static final String CONSENT_RESET = """
            INSERT INTO consent_events (customer_id, change, status, source, at) VALUES (?, 'reset', 'unknown', 'erasure', ?)""";

    // Enrollments end; what started them (an order id, a reply's words) and their state (variables) go. The
    // first word of the entry reason ("order", "keyword:") stays.
    private static final String END_ENROLLMENTS = """
            UPDATE enrollments SET status = 'exited', next_wake_at = NULL, held_wake_at = NULL, exited_at = ?,
                exit_reason = 'erased', updated_at = ?
            WHERE customer_id = ? AND exited_at IS NULL""";
    private static final String ENROLLMENTS = """
            UPDATE enrollments SET state = NULL, start_context = '{}'::jsonb,
                entry_reason = substring(entry_reason FROM '^[^ ]*')
            WHERE customer_id = ?""";
    private static final String SIGNALS = """
            DELETE FROM enrollment_signals WHERE enrollment_id IN (SELECT id FROM enrollments WHERE customer_id = ?)""";
    // Keyword sign-ups waiting for a YES hold the word the person texted.
    private static final String KEYWORD_CONFIRMATIONS = "DELETE FROM keyword_confirmations WHERE customer_id = ?";
    // A campaign's keyword entries (competitions, sign-ups) say who took part: gone with the person.
    private static final String CAMPAIGN_ENTRIES = "DELETE FROM campaign_entries WHERE customer_id = ?";

    // The shop's order id points back at the person like the customer id does; the lines can name them.
    private static final String ORDERS = """
            UPDATE orders SET order_id = 'erased:' || id, items = '[]'::jsonb WHERE customer_id = ?""";
    private static final String ORDERS_NOT_COUNTED = """
            UPDATE orders_not_counted SET order_id = 'erased-not-counted:' || id, items = '[]'::jsonb
            WHERE customer_id = ?""";
    // A shop's refunds name the order by the shop's id; their amounts are in the orders' totals already.
    private static final String REFUNDS = """
            DELETE FROM order_refunds WHERE order_id IN (SELECT order_id FROM orders WHERE customer_id = ?
                                                          UNION ALL
                                                          SELECT order_id FROM orders_not_counted WHERE customer_id = ?)""";

    // Shops: which shop customer the person was, and what is left of their deliveries (applied ones keep no body;
    // one not applied yet, or set aside, keeps it, and its error may quote them).
    private static final String SHOP_LINKS = "DELETE FROM shop_customer_links WHERE customer_id = ?";
    // A checkout's link back to the cart and its key point at the person's cart.
    private static final String SHOP_CHECKOUTS = "DELETE FROM shop_checkouts WHERE customer_id = ?";
    private static final String SHOP_WEBHOOKS = """
            UPDATE shop_webhooks SET body = NULL, last_error = NULL,
                status = CASE WHEN status = 'applied' THEN status ELSE 'failed' END,
                outcome = CASE WHEN status = 'applied' THEN outcome ELSE 'erased before it was applied' END,
                next_attempt_at = NULL
            WHERE customer_id = ?""";
    private static final String EVENTS = """
            UPDATE engagement_events SET properties = '{}'::jsonb WHERE customer_id = ? AND properties <> '{}'::jsonb""";
    // Short links keep redirecting (a text on the person's phone still works) but no longer name them, so their
    // clicks are not recorded. Their referral code goes (a friend can no longer sign up with it); who referred whom
    // stays as ids and times, which the referral report counts.
    private static final String SHORT_LINKS = "UPDATE short_links SET customer_id = NULL WHERE customer_id = ?";
    private static final String REFERRAL_CODE = "DELETE FROM referral_codes WHERE customer_id = ?";
    private static final String CUSTOMER = """
            UPDATE customers SET external_id = NULL, phone = NULL, first_name = NULL, last_name = NULL, email = NULL,
                birthday = NULL, locale = NULL, attributes = '{}'::jsonb, tags = '{}', consent_status = 'unknown',
                consent_source = NULL, consent_text = NULL, consent_at = NULL, unreachable_since = NULL,
                unreachable_reason = NULL, favourite_category = NULL, last_product = NULL, erased_at = ?, updated_at = ?
            WHERE id = ?""";

    private ErasureScrub() {}

    static void run(Connection c, PersonErasure.Person p) throws SQLException {
        long id = p.id();
        Instant at = p.at();
        update(c, OUTBOUND, at, id);
        update(c, STATUS_HISTORY, id);
        update(c, TWILIO_STATUS, id);
        update(c, DELIVERY_ERRORS, p.phone(), id, id);
        update(c, SIMULATOR, id, p.phone(), p.phone());
        update(c, TWILIO_INBOUND, id, p.phone(), p.phone());
        update(c, INBOUND, at, id, p.phone());
        update(c, CONVERSATIONS, at, id, p.phone());
        update(c, CONSENT, id);
        if (p.phone() != null) {
            update(c, CONSENT_BY_NUMBER, p.phoneHash(), p.phone(), p.phoneHash());
            if ("opted_out".equals(p.consentStatus())) {
                update(c, SUPPRESS, p.phoneHash(), p.consentAt() == null ? at : p.consentAt());
            }
        }
        if (!"unknown".equals(p.consentStatus())) {
            update(c, CONSENT_RESET, id, at);
        }
        update(c, END_ENROLLMENTS, at, at, id);
        update(c, ENROLLMENTS, id);
        update(c, SIGNALS, id);
        update(c, KEYWORD_CONFIRMATIONS, id);
        update(c, REFUNDS, id, id);
        update(c, CAMPAIGN_ENTRIES, id);
        update(c, ORDERS, id);
        update(c, ORDERS_NOT_COUNTED, id);
        update(c, SHOP_LINKS, id);
        update(c, SHOP_CHECKOUTS, id);
        update(c, SHOP_WEBHOOKS, id);
        update(c, EVENTS, id);
        update(c, SHORT_LINKS, id);
        update(c, REFERRAL_CODE, id);
        update(c, CUSTOMER, at, at, id);
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object value = params[i];
                if (value instanceof Instant instant) {
                    Jdbc.setInstant(st, i + 1, instant);
                } else if (value instanceof byte[] bytes) {
                    st.setBytes(i + 1, bytes);
                } else if (value == null) {
                    st.setNull(i + 1, Types.VARCHAR);
                } else {
                    st.setObject(i + 1, value);
                }
            }
            st.executeUpdate();
        }
    }
}
