package io.comeback.web.access;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins and key checks per client address and per account, in PostgreSQL so every replica sees
 * the same count. Past the limit within the window, that subject is refused (429) until the window ends, even
 * with the right secret: guessing stops paying off long before it could succeed.
 */
@ApplicationScoped
public class AuthFailures {

    /** What is counted: a client address has a wider limit (several people may share one), an account a narrow one. */
    public enum Subject {
        CLIENT("client:"),
        ACCOUNT("account:");

        private final String prefix;

        Subject(String prefix) {
            this.prefix = prefix;
        }
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration window;
    private final int clientLimit;
    private final int accountLimit;

    public AuthFailures(AgroalDataSource dataSource, Clock clock, SecurityConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.window = config.throttle().window();
        this.clientLimit = config.throttle().clientFailures();
        this.accountLimit = config.throttle().accountFailures();
    }

    /** How long this subject must wait before trying again, if it is over its limit. */
    public Optional<Duration> blockedFor(Subject kind, String subject) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT window_start, failures FROM auth_failures WHERE subject = ?")) {
            st.setString(1, kind.prefix + subject);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant ends = Jdbc.getInstant(rs, 1).plus(window);
                Instant now = clock.instant();
                if (rs.getInt(2) < limit(kind) || !ends.isAfter(now)) {
                    return Optional.empty();
                }
                return Optional.of(Duration.between(now, ends));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read failed logins", e);
        }
    }

    public void record(Subject kind, String subject) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO auth_failures (subject, window_start, failures) VALUES (?, ?, 1)
                ON CONFLICT (subject) DO UPDATE SET
                    failures = CASE WHEN auth_failures.window_start + ?::interval > EXCLUDED.window_start
                                    THEN auth_failures.failures + 1 ELSE 1 END,
                    window_start = CASE WHEN auth_failures.window_start + ?::interval > EXCLUDED.window_start
                                        THEN auth_failures.window_start ELSE EXCLUDED.window_start END""")) {
            st.setString(1, kind.prefix + subject);
            Jdbc.setInstant(st, 2, now);
            st.setString(3, window.toSeconds() + " seconds");
            st.setString(4, window.toSeconds() + " seconds");
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a failed login", e);
        }
    }

    /** A successful login forgets the account's failures (not the client's: one success does not excuse a scan). */
    public void clear(Subject kind, String subject) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM auth_failures WHERE subject = ?")) {
            st.setString(1, kind.prefix + subject);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear failed logins", e);
        }
    }

    private int limit(Subject kind) {
        return kind == Subject.CLIENT ? clientLimit : accountLimit;
    }
}
