package io.comeback.messaging;

import io.comeback.messaging.port.OutgoingSms;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The dispatcher's set-based statements on the outbound ledger. */
final class DispatchStore {

    /** @param window until when it may leave before quiet hours, or null */
    record Claimed(long id, String to, String body, int attempts, SendWindow window) {

        /** The text as the gateway gets it, with the window's deadline. */
        OutgoingSms message() {
            return new OutgoingSms(id, to, body, window == null ? null : window.validUntil());
        }
    }

    /** A pending row locked while the dispatcher asks its sender's bucket whether it may leave. */
    record Candidate(long id, String to, int segments) {}

    // Marked dispatching and committed BEFORE the gateway is called: a crash after the call leaves
    // the row dispatching, which reconciliation turns into unknown — it is never picked up again as pending.
    //
    // The pause hold (V170): a due row of a paused flow is marked held instead of claimed, which also takes it
    // out of the pending index the claims walk; resuming the flow releases it (HeldTexts). One look-up of
    // flow_controls per batch, so no replica sends a paused flow's text, whichever claim took it. The paused
    // flow's row is held FOR SHARE until the claim commits; a resume locks it FOR UPDATE first, so it waits for
    // such a claim and then releases what it held.
    //
    // Consent is checked again here, at the last moment a text can still be held back (OptOuts
    // explains why the gate's check alone leaves a window): a marketing row whose customer is no
    // longer opted in is blocked instead of claimed; one whose customer row is locked right now (an
    // opt-out or re-subscribe committing) is left pending for the next round rather than waited for,
    // so the claim never waits on an opt-out that itself waits on rows this claim holds.
    // A marketing row without a customer has no consent to send on: it is blocked too.
    //
    // A text naming a discount code the connected shop has not created yet is not handed over: it waits
    // (CODE_WAIT, or until the shop-code outbox releases it the moment the code exists), and when the shop could
    // not create the code for good it is blocked, never sent with a code that would not work at the checkout.
    private static final String CLAIM_DUE = """
            , paused_flows AS (
                SELECT flow_id FROM flow_controls WHERE status = 'paused' AND flow_id IN (SELECT flow_id FROM due)
                FOR SHARE
            ), paused AS (
                UPDATE outbound_messages m SET status = 'held', status_at = ?
                FROM due JOIN paused_flows p ON p.flow_id = due.flow_id
                WHERE m.id = due.id
                RETURNING m.id
            ), consent AS (
                SELECT cu.id, cu.consent_status FROM customers cu
                WHERE cu.id IN (SELECT customer_id FROM due WHERE kind = 'marketing')
                FOR KEY SHARE SKIP LOCKED
            ), coded AS (
                SELECT due.id, k.shop_status FROM due
                JOIN coupons k ON k.code = due.coupon_code AND k.shop_status IN ('pending', 'failed')
                WHERE due.coupon_code IS NOT NULL AND due.id NOT IN (SELECT id FROM paused)
                  AND EXISTS (SELECT 1 FROM outbound_messages b WHERE b.id = due.id AND strpos(b.body, due.coupon_code) > 0)
                  AND (due.kind <> 'marketing' OR EXISTS (
                      SELECT 1 FROM consent WHERE consent.id = due.customer_id AND consent.consent_status = 'opted_in'))
            ), waiting AS (
                UPDATE outbound_messages m SET
                    status = CASE WHEN coded.shop_status = 'failed' THEN 'blocked' ELSE m.status END,
                    status_reason = CASE WHEN coded.shop_status = 'failed' THEN 'code_not_created' ELSE 'waiting_for_code' END,
                    status_at = CASE WHEN coded.shop_status = 'failed' THEN CAST(? AS timestamptz) ELSE m.status_at END,
                    not_before = CASE WHEN coded.shop_status = 'failed' THEN m.not_before ELSE CAST(? AS timestamptz) END
                FROM coded WHERE m.id = coded.id
            ), withdrawn AS (
                UPDATE outbound_messages m SET status = 'blocked', status_at = ?,
                    status_reason = CASE WHEN consent.consent_status = 'opted_out' THEN 'opted_out' ELSE 'no_consent' END
                FROM due LEFT JOIN consent ON consent.id = due.customer_id
                WHERE m.id = due.id AND due.kind = 'marketing' AND due.id NOT IN (SELECT id FROM paused)
                  AND (due.customer_id IS NULL OR consent.consent_status <> 'opted_in')
            )
            UPDATE outbound_messages m SET status = 'dispatching', dispatched_at = ?, attempts = m.attempts + 1, status_at = ?
            FROM due
            WHERE m.id = due.id AND due.id NOT IN (SELECT id FROM paused) AND (due.kind <> 'marketing'
                  OR EXISTS (SELECT 1 FROM consent WHERE consent.id = due.customer_id AND consent.consent_status = 'opted_in'))
              AND NOT EXISTS (SELECT 1 FROM coded WHERE coded.id = due.id)
            RETURNING m.id, m.to_phone, m.body, m.attempts, m.valid_until, m.quiet_hours, m.time_zone
            """;
    private static final String CLAIM = """
            WITH due AS (
                SELECT id, kind, customer_id, flow_id, coupon_code FROM outbound_messages
                WHERE status = 'pending' AND not_before <= ?
                ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED
            )""" + CLAIM_DUE;
    // Paced claiming, in the same transaction: lock candidates in the order CLAIM would take them (holding those
    // of paused flows as CLAIM does), take the tokens of their senders, then claim those that fit (consent checked
    // as in CLAIM). The others are released on commit.
    private static final String CANDIDATES = """
            WITH due AS (
                SELECT id, to_phone, segments, flow_id, not_before FROM outbound_messages
                WHERE status = 'pending' AND not_before <= ?
                ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED
            ), paused_flows AS (
                SELECT flow_id FROM flow_controls WHERE status = 'paused' AND flow_id IN (SELECT flow_id FROM due)
                FOR SHARE
            ), paused AS (
                UPDATE outbound_messages m SET status = 'held', status_at = ?
                FROM due JOIN paused_flows p ON p.flow_id = due.flow_id
                WHERE m.id = due.id
                RETURNING m.id
            )
            SELECT id, to_phone, coalesce(segments, 1) FROM due WHERE id NOT IN (SELECT id FROM paused)
            ORDER BY not_before, id
            """;
    // Rows handed over by this node's wake-up batches, claimed by primary key: the same checks as CLAIM
    // (still pending, due, not locked by another claim), without walking the pending index.
    private static final String CLAIM_HANDED = """
            WITH due AS (
                SELECT id, kind, customer_id, flow_id, coupon_code FROM outbound_messages
                WHERE id = ANY(CAST(? AS bigint[])) AND status = 'pending' AND not_before <= ?
                ORDER BY id FOR UPDATE SKIP LOCKED
            )""" + CLAIM_DUE;
    private static final String CLAIM_IDS = """
            WITH due AS (
                SELECT id, kind, customer_id, flow_id, coupon_code FROM outbound_messages
                WHERE id = ANY(CAST(? AS bigint[]))
            )""" + CLAIM_DUE;
    // Held (KEY SHARE) from just before the gateway call until the outcome is recorded: an erasure locks the
    // person's pending and dispatching rows FOR UPDATE, so it waits for a hand-over under way, and a row it
    // cancelled between the claim and this statement is no longer dispatching here and never handed over.
    // KEY SHARE does not block the ordinary updates of the same rows (a receipt that arrives before the
    // outcome is recorded), only FOR UPDATE.
    private static final String HOLD = """
            SELECT id FROM outbound_messages WHERE id = ANY(CAST(? AS bigint[])) AND status = 'dispatching'
            FOR KEY SHARE
            """;

    /**
     * How long a text waits for its code to be created at the shop before it is looked at again; the shop-code
     * outbox releases it at once when the code is created, so this only bounds the wait when that is slow.
     */
    static final java.time.Duration CODE_WAIT = java.time.Duration.ofMinutes(1);

    private DispatchStore() {}

    static List<Claimed> claim(Connection c, Instant now, int limit) throws SQLException {
        List<Claimed> claimed = new ArrayList<>(limit);
        try (PreparedStatement st = c.prepareStatement(CLAIM)) {
            Jdbc.setInstant(st, 1, now);
            st.setInt(2, limit);
            bindClaimDue(st, 3, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(claimed(rs));
                }
            }
        }
        return claimed;
    }

    static List<Claimed> claimHanded(Connection c, Instant now, List<Long> ids) throws SQLException {
        List<Claimed> claimed = new ArrayList<>(ids.size());
        try (PreparedStatement st = c.prepareStatement(CLAIM_HANDED)) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            Jdbc.setInstant(st, 2, now);
            bindClaimDue(st, 3, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(claimed(rs));
                }
            }
        }
        return claimed;
    }

    /**
     * The instants of {@code CLAIM_DUE}, from {@code first} on: paused flows' held texts, texts waiting for their
     * code (status time, and until when they wait), blocked, dispatched, status.
     */
    private static void bindClaimDue(PreparedStatement st, int first, Instant now) throws SQLException {
        Jdbc.setInstant(st, first, now);
        Jdbc.setInstant(st, first + 1, now);
        Jdbc.setInstant(st, first + 2, now.plus(CODE_WAIT));
        Jdbc.setInstant(st, first + 3, now);
        Jdbc.setInstant(st, first + 4, now);
        Jdbc.setInstant(st, first + 5, now);
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                SendWindow.fromColumns(Jdbc.getInstant(rs, 5), rs.getString(6), rs.getString(7)));
    }

    static List<Candidate> candidates(Connection c, Instant now, int limit) throws SQLException {
        List<Candidate> candidates = new ArrayList<>(limit);
        try (PreparedStatement st = c.prepareStatement(CANDIDATES)) {
            Jdbc.setInstant(st, 1, now);
            st.setInt(2, limit);
            Jdbc.setInstant(st, 3, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return candidates;
    }

    static List<Claimed> claimIds(Connection c, Instant now, List<Long> ids) throws SQLException {
        List<Claimed> claimed = new ArrayList<>(ids.size());
        if (ids.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement st = c.prepareStatement(CLAIM_IDS)) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            bindClaimDue(st, 2, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(claimed(rs));
                }
            }
        }
        return claimed;
    }

    /**
     * Holds the claimed rows for the hand-over, in the transaction that will record their outcomes (see
     * {@code HOLD}); returns those still to hand over, in claim order.
     */
    static List<Claimed> hold(Connection c, List<Claimed> claimed) throws SQLException {
        java.util.Set<Long> held = new java.util.HashSet<>(claimed.size() * 2);
        try (PreparedStatement st = c.prepareStatement(HOLD)) {
            st.setArray(1, SqlArrays.longs(c, claimed, Claimed::id));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getLong(1));
                }
            }
        }
        return held.size() == claimed.size()
                ? claimed
                : claimed.stream().filter(row -> held.contains(row.id())).toList();
    }
}
