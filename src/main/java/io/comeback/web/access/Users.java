package io.comeback.web.access;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dashboard users: a name, a bcrypt hash of their password, and a role. */
@ApplicationScoped
public class Users {

    public record User(long id, String username, Role role, Instant createdAt, Instant updatedAt) {}

    private final AgroalDataSource dataSource;
    private final Passwords passwords;
    private final Clock clock;

    public Users(AgroalDataSource dataSource, Passwords passwords, Clock clock) {
        this.dataSource = dataSource;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The user when the password is theirs; a wrong name costs as much time as a wrong password. */
    public Optional<User> verify(String username, String password) {
        Optional<String> hash = passwordHash(username);
        if (hash.isEmpty()) {
            passwords.spendOneCheck(password);
            return Optional.empty();
        }
        return passwords.matches(password, hash.get()) ? find(username) : Optional.empty();
    }

    /** Creates the user, or sets the role and (when given) the password of an existing one. True when created. */
    public boolean put(String username, Role role, String password) {
        Instant now = clock.instant();
        String hash = password == null ? null : passwords.hash(password);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, updated_at = EXCLUDED.updated_at,
                    password_hash = CASE WHEN ? THEN EXCLUDED.password_hash ELSE users.password_hash END
                RETURNING (xmax = 0)""")) {
            st.setString(1, username);
            st.setString(2, hash == null ? "!" : hash);
            st.setString(3, role.wireName());
            Jdbc.setInstant(st, 4, now);
            Jdbc.setInstant(st, 5, now);
            st.setBoolean(6, hash != null);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not save user " + username, e);
        }
    }

    /** Removes the user; their sessions end with them (the foreign key cascades). */
    public boolean delete(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
            st.setString(1, username);
            return st.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete user " + username, e);
        }
    }

    public Optional<User> find(String username) {
        List<User> found = query("WHERE username = ?", username);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public List<User> all() {
        return query("ORDER BY username", null);
    }

    public boolean anyExists() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM users)");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read users", e);
        }
    }

    private Optional<String> passwordHash(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read user " + username, e);
        }
    }

    private List<User> query(String where, String parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st =
                        c.prepareStatement("SELECT id, username, role, created_at, updated_at FROM users " + where)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            List<User> users = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    users.add(new User(
                            rs.getLong(1),
                            rs.getString(2),
                            Role.ofWireName(rs.getString(3)),
                            Jdbc.getInstant(rs, 4),
                            Jdbc.getInstant(rs, 5)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read users", e);
        }
    }
}
