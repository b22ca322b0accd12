package io.comeback.inbound;

import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * When an auto-reply goes out: at most once per person (conversation) in {@link #AT_MOST_EVERY}. Someone who sends
 * three questions in a row gets one "we answer tomorrow from 09:00", not three. The check and the record are one
 * statement on the conversation row, which the inbound text's transaction has just locked, so two texts arriving
 * together cannot both be answered.
 */
@ApplicationScoped
public class AutoReplyPace {

    public static final Duration AT_MOST_EVERY = Duration.ofHours(24);

    private static final String TAKE = """
            UPDATE conversations SET auto_replied_at = ?
            WHERE id = ? AND (auto_replied_at IS NULL OR auto_replied_at <= ?)
            RETURNING id""";

    /** True, and recorded, when this conversation had no auto-reply in the last 24 hours. */
    public boolean mayReply(Connection c, long conversationId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(TAKE)) {
            Jdbc.setInstant(st, 1, at);
            st.setLong(2, conversationId);
            Jdbc.setInstant(st, 3, at.minus(AT_MOST_EVERY));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
