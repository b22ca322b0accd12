package io.comeback.privacy;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.ErasureConfig;
import io.comeback.audience.PhoneHash;
import io.comeback.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Erases a person (GDPR art. 17) in one transaction: texts not handed over are cancelled, running
 * enrollments end, consent is reset, and their number, names, e-mail, attributes and every text they sent
 * or were sent leave every table ({@link ErasureScrub}); an opted-out number stays only as a keyed hash
 * in the suppression list. Order counts and totals stay in reports, on a customer row that no longer says
 * whose it was.
 *
 * <p>Why no text leaves after the erasure commits. The erasure first locks the person's texts not yet handed
 * over FOR UPDATE, waiting for a dispatcher that is handing one over right now (it holds them until the
 * outcome is recorded, {@code Dispatcher}); a text claimed but not yet held is cancelled here and the
 * dispatcher, which checks again when it takes hold, drops it. Then, without waiting (NOWAIT), the
 * customer row — from then on no new enrollment starts for them ({@code EntryStore.lockLiving}) — their
 * running enrollments, which no wake-up batch can then claim to write a new text, and once more their
 * texts, for any written meanwhile. Anything that cannot be locked at once is busy in another transaction:
 * the attempt is rolled back, releasing everything, and made again shortly, so the erasure never holds a
 * lock while it waits for one and cannot deadlock with the runtime.
 */
@ApplicationScoped
public class PersonErasure {

    /** Lock not available (NOWAIT, lock_timeout), deadlock, serialization failure: try again. */
    private static final Set<String> RETRY = Set.of("55P03", "40P01", "40001");

    private static final String FIND = "SELECT id FROM customers WHERE external_id = ? AND erased_at IS NULL";
    private static final String WAIT_FOR_HAND_OVER = """
            SELECT id FROM outbound_messages WHERE customer_id = ? AND status IN ('pending', 'dispatching', 'unknown')
            FOR UPDATE""";
    private static final String LOCK_PERSON = """
            SELECT phone, consent_status, consent_at FROM customers WHERE id = ? AND erased_at IS NULL FOR UPDATE NOWAIT""";
    private static final String LOCK_ENROLLMENTS = """
            SELECT id FROM enrollments WHERE customer_id = ? AND exited_at IS NULL FOR UPDATE NOWAIT""";
    private static final String LOCK_TEXTS = """
            SELECT id FROM outbound_messages WHERE customer_id = ?
              AND status IN ('pending', 'dispatching', 'unknown', 'held', 'awaiting_approval')
            FOR UPDATE NOWAIT""";

    /** The customer being erased, as read under the lock. */
    record Person(long id, String phone, byte[] phoneHash, String consentStatus, Instant consentAt, Instant at) {}

    /** Another transaction kept the person's rows longer than {@code comeback.erasure.max-wait}. */
    public static class BusyException extends RuntimeException {
        BusyException(String detail, Throwable cause) {
            super(detail, cause);
        }
    }

    private final AgroalDataSource dataSource;
    private final PhoneHash hashes;
    private final Clock clock;
    private final Duration maxWait;

    public PersonErasure(AgroalDataSource dataSource, PhoneHash hashes, Clock clock, ErasureConfig config) {
        this.dataSource = dataSource;
        this.hashes = hashes;
        this.clock = clock;
        this.maxWait = config.maxWait();
    }

    /**
     * @return false when no living customer has this id (never there, or erased already)
     * @throws BusyException when the person's rows stayed locked longer than the configured wait
     */
    public boolean erase(String externalId) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = 5;
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    boolean erased =
                            attempt(c, externalId, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                    c.commit();
                    return erased;
                } catch (SQLException e) {
                    c.rollback();
                    if (!RETRY.contains(e.getSQLState())) {
                        throw e;
                    }
                    if (System.nanoTime() >= deadline) {
                        throw new BusyException(
                                "the rows of customer '" + externalId + "' stayed busy for " + maxWait
                                        + "; nothing was erased, try again",
                                e);
                    }
                } catch (RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not erase customer '" + externalId + "'", e);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 200);
        }
    }

    private boolean attempt(Connection c, String externalId, Duration wait) throws SQLException {
        Optional<Long> id = customerId(c, externalId);
        if (id.isEmpty()) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '" + wait.toMillis() + "ms'");
        }
        lock(c, WAIT_FOR_HAND_OVER, id.get());
        Optional<Person> person = lockPerson(c, id.get());
        if (person.isEmpty()) {
            return false; // erased meanwhile
        }
        lock(c, LOCK_ENROLLMENTS, id.get());
        lock(c, LOCK_TEXTS, id.get());
        ErasureScrub.run(c, person.get());
        return true;
    }

    private static Optional<Long> customerId(Connection c, String externalId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(FIND)) {
            st.setString(1, externalId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<Person> lockPerson(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LOCK_PERSON)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String phone = rs.getString(1);
                return Optional.of(new Person(
                        id,
                        phone,
                        phone == null ? null : hashes.of(phone),
                        rs.getString(2),
                        Jdbc.getInstant(rs, 3),
                        clock.instant()));
            }
        }
    }

    private static void lock(Connection c, String sql, long customerId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, customerId);
            st.executeQuery().close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to erase", e);
        }
    }
}
