package io.comeback.web.dashboard;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.comeback.support.Sha256;
import io.comeback.web.access.Role;
import io.comeback.web.access.Users;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Dashboard sessions kept in PostgreSQL, so a login holds on every replica and logout ends it everywhere.
 * The cookie carries a random token; the table keeps only its hash. A session belongs to a user: deleting the
 * user ends their sessions, and a changed role applies to the next request.
 */
@ApplicationScoped
public class DashboardSessions {

    /** A signed-in person: who they said they are, and the token their forms must send back. */
    public record Session(String name, Role role, String csrfToken, Instant expiresAt) {}

    public record Opened(String cookieValue, Session session) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration lifetime;

    public DashboardSessions(AgroalDataSource dataSource, Clock clock, DashboardConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.lifetime = config.sessionLifetime();
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Opened open(Users.User user) {
        String token = randomToken();
        Instant now = clock.instant();
        Session session = new Session(user.username(), user.role(), randomToken(), now.plus(lifetime));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM dashboard_sessions WHERE expires_at < ?")) {
                Jdbc.setInstant(st, 1, now);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO dashboard_sessions (token_hash, user_id, csrf_token, display_name, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                st.setBytes(1, Sha256.of(token));
                st.setLong(2, user.id());
                st.setString(3, session.csrfToken());
                st.setString(4, user.username());
                Jdbc.setInstant(st, 5, now);
                Jdbc.setInstant(st, 6, session.expiresAt());
                st.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open a dashboard session", e);
        }
        return new Opened(token, session);
    }

    /** The live session of this cookie value, if any. */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT u.username, u.role, s.csrf_token, s.expires_at
                FROM dashboard_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND s.expires_at > ?""")) {
            st.setBytes(1, Sha256.of(cookieValue));
            Jdbc.setInstant(st, 2, clock.instant());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Session(
                                rs.getString(1),
                                Role.ofWireName(rs.getString(2)),
                                rs.getString(3),
                                Jdbc.getInstant(rs, 4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a dashboard session", e);
        }
    }

    public void close(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM dashboard_sessions WHERE token_hash = ?")) {
            st.setBytes(1, Sha256.of(cookieValue));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not end a dashboard session", e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
