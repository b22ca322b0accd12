package io.comeback.messaging;

import io.comeback.messaging.port.SendOutcome;
import io.comeback.support.Jdbc;
import io.comeback.support.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Claimed rows whose send window closed before they could leave (see {@link SendWindow}): back to
 * {@code pending} from the end of the quiet window, with a new deadline and the reason on the row. Rows that could
 * not leave for want of a provider slot ({@link CallPerRow}) go back the same way, pending at once.
 * The claim counted an attempt; a deferral is not one, so it is given back (retries stay available).
 */
final class QuietHoursDeferrals {

    /** One row to put back. */
    record Deferral(long id, Instant notBefore, SendWindow window, String reason) {

        static Deferral of(long id, SendWindow closed, Instant now) {
            SendWindow.Reopening next = closed.reopening(now);
            return new Deferral(
                    id,
                    next.notBefore(),
                    next.window(),
                    SendWindow.REASON + ": it could not leave before "
                            + closed.validUntil() + ", when quiet hours " + closed.quietHoursText() + " "
                            + closed.zone()
                            + " began; deferred to " + next.notBefore());
        }

        /** A row that did not leave for another reason than its window (no provider slot): pending again now. */
        static Deferral notSent(long id, SendWindow window, Instant now, String why) {
            return new Deferral(id, now, window, "not sent: " + why + "; pending again");
        }
    }

    private static final String DEFER = """
            UPDATE outbound_messages m SET status = 'pending', not_before = u.not_before, valid_until = u.valid_until,
                status_reason = u.reason, attempts = greatest(m.attempts - 1, 0), status_at = ?
            FROM unnest(CAST(? AS bigint[]), CAST(CAST(? AS text[]) AS timestamptz[]),
                        CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[])) AS u(id, not_before, valid_until, reason)
            WHERE m.id = u.id AND m.status = 'dispatching'
            """;

    private QuietHoursDeferrals() {}

    /** True when the gateway refused because the deadline had passed when it got the text (nothing was sent). */
    static boolean deadlinePassed(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Refused refused
                && SendOutcome.DEADLINE_PASSED.equals(refused.errorCode());
    }

    static void record(Connection c, List<Deferral> deferrals, Instant now) throws SQLException {
        if (deferrals.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(DEFER)) {
            int i = 0;
            Jdbc.setInstant(st, ++i, now);
            st.setArray(++i, SqlArrays.longs(c, deferrals, Deferral::id));
            st.setArray(++i, SqlArrays.instants(c, deferrals, Deferral::notBefore));
            st.setArray(
                    ++i,
                    SqlArrays.instants(
                            c,
                            deferrals,
                            d -> d.window() == null ? null : d.window().validUntil()));
            st.setArray(++i, SqlArrays.texts(c, deferrals, Deferral::reason));
            st.executeUpdate();
        }
    }
}
