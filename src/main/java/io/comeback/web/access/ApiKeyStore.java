package io.comeback.web.access;

import io.agroal.api.AgroalDataSource;
import io.comeback.support.Jdbc;
import io.comeback.support.Sha256;
import io.comeback.web.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named, scoped API keys. A key reads {@code cb_<prefix>_<secret>}: the prefix finds its row, the SHA-256 of the
 * whole key is compared in constant time, and only the hash is stored. Verified keys are remembered for
 * {@code comeback.security.key-cache} so a busy client costs no query per call; a revocation therefore reaches
 * the other replicas within that time (at once on the replica that revoked it).
 * The bootstrap keys of {@code COMEBACK_API_KEYS} are admin keys named {@code bootstrap}.
 */
@ApplicationScoped
public class ApiKeyStore {

    public record KeyInfo(
            String name,
            String prefix,
            AccessLevel scope,
            Instant createdAt,
            String createdBy,
            Instant lastUsedAt,
            Instant revokedAt) {}

    public record Issued(String key, KeyInfo info) {}

    private record Known(
            String name, byte[] hash, AccessLevel scope, boolean revoked, Instant loadedAt, Instant touchedAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final AgroalDataSource dataSource;
    private final ApiKeys bootstrapKeys;
    private final Clock clock;
    private final Duration cacheFor;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    public ApiKeyStore(AgroalDataSource dataSource, ApiKeys bootstrapKeys, Clock clock, SecurityConfig config) {
        this.dataSource = dataSource;
        this.bootstrapKeys = bootstrapKeys;
        this.clock = clock;
        this.cacheFor = config.keyCache();
    }

    /** Who holds this key and what it may do; empty for a key that is unknown, malformed or revoked. */
    public Optional<Caller> authenticate(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 200) {
            return Optional.empty();
        }
        if (bootstrapKeys.accepts(candidate)) {
            return Optional.of(new Caller("bootstrap", AccessLevel.ADMIN));
        }
        String prefix = prefixOf(candidate);
        if (prefix == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Known key = known.get(prefix);
        if (key == null || key.loadedAt().plus(cacheFor).isBefore(now)) {
            key = load(prefix, now).orElse(null);
            if (key == null) {
                known.remove(prefix);
                return Optional.empty();
            }
            known.put(prefix, key);
        }
        if (key.revoked() || !MessageDigest.isEqual(key.hash(), Sha256.of(candidate))) {
            return Optional.empty();
        }
        if (key.touchedAt() == null || key.touchedAt().plus(TOUCH_EVERY).isBefore(now)) {
            touch(prefix, now);
            known.put(prefix, new Known(key.name(), key.hash(), key.scope(), false, key.loadedAt(), now));
        }
        return Optional.of(new Caller("key:" + key.name(), key.scope()));
    }

    public Issued issue(String name, AccessLevel scope, String createdBy) {
        String prefix = "cb_" + random(10);
        String key = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                INSERT INTO api_keys (name, prefix, key_hash, scope, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            st.setString(1, name);
            st.setString(2, prefix);
            st.setBytes(3, Sha256.of(key));
            st.setString(4, scope.scope());
            Jdbc.setInstant(st, 5, now);
            st.setString(6, createdBy);
            if (st.executeUpdate() == 0) {
                throw new KeyNameTakenException(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store API key " + name, e);
        }
        return new Issued(key, new KeyInfo(name, prefix, scope, now, createdBy, null, null));
    }

    /** Revokes the live key of this name; true when there was one. */
    public boolean revoke(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING prefix")) {
            Jdbc.setInstant(st, 1, clock.instant());
            st.setString(2, name);
            boolean any = false;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    known.remove(rs.getString(1));
                    any = true;
                }
            }
            return any;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not revoke API key " + name, e);
        }
    }

    public List<KeyInfo> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                SELECT name, prefix, scope, created_at, created_by, last_used_at, revoked_at FROM api_keys
                ORDER BY revoked_at IS NOT NULL, name, created_at""");
                ResultSet rs = st.executeQuery()) {
            List<KeyInfo> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(new KeyInfo(
                        rs.getString(1),
                        rs.getString(2),
                        AccessLevel.ofScope(rs.getString(3)),
                        Jdbc.getInstant(rs, 4),
                        rs.getString(5),
                        Jdbc.getInstant(rs, 6),
                        Jdbc.getInstant(rs, 7)));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list API keys", e);
        }
    }

    public static final class KeyNameTakenException extends RuntimeException {
        public KeyNameTakenException(String name) {
            super("a live key named '" + name + "' exists; revoke it first or choose another name");
        }
    }

    private Optional<Known> load(String prefix, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT name, key_hash, scope, revoked_at IS NOT NULL, last_used_at FROM api_keys WHERE prefix = ?")) {
            st.setString(1, prefix);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Known(
                                rs.getString(1),
                                rs.getBytes(2),
                                AccessLevel.ofScope(rs.getString(3)),
                                rs.getBoolean(4),
                                now,
                                Jdbc.getInstant(rs, 5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an API key", e);
        }
    }

    private void touch(String prefix, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE prefix = ?")) {
            Jdbc.setInstant(st, 1, now);
            st.setString(2, prefix);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record an API key's use", e);
        }
    }

    private static String prefixOf(String key) {
        if (!key.startsWith("cb_") || key.length() < 15 || key.charAt(13) != '_') {
            return null;
        }
        return key.substring(0, 13);
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
