package io.comeback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a failure wrapped by Hibernate, the transaction manager or our code is told apart: 503, 422 or a fault of ours. */
class DatabaseFailuresTest {

    private static Optional<DatabaseFailures.Kind> kind(Throwable failure) {
        return DatabaseFailures.classify(failure).map(DatabaseFailures.Failure::kind);
    }

    @Test
    void unreachableDatabaseIsUnavailableWhereverItSitsInTheCauses() {
        SQLException refused = new SQLException("The connection attempt failed.", "08001");
        assertThat(kind(new IllegalStateException("import failed", new RuntimeException(refused))))
                .contains(DatabaseFailures.Kind.UNAVAILABLE);
        assertThat(kind(new SQLException("An I/O error occurred while sending to the backend.", "08006")))
                .contains(DatabaseFailures.Kind.UNAVAILABLE);
        assertThat(kind(new SQLException("terminating connection due to administrator command", "57P01")))
                .contains(DatabaseFailures.Kind.UNAVAILABLE);
        assertThat(kind(new SQLException("Acquisition timeout while waiting for new connection")))
                .contains(DatabaseFailures.Kind.UNAVAILABLE);
        assertThat(kind(new SQLTransientConnectionException("gone"))).contains(DatabaseFailures.Kind.UNAVAILABLE);
    }

    @Test
    void valuesPostgresCannotStoreAreTheClientsToFix() {
        assertThat(DatabaseFailures.classify(new RuntimeException(new SQLException(
                        "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00\n  Where: COPY", "22021"))))
                .hasValueSatisfying(f -> {
                    assertThat(f.kind()).isEqualTo(DatabaseFailures.Kind.UNSTORABLE_VALUE);
                    assertThat(f.message()).isEqualTo("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
                });
        assertThat(kind(new SQLException("timestamp out of range", "22008")))
                .contains(DatabaseFailures.Kind.UNSTORABLE_VALUE);
    }

    @Test
    void otherFailuresStayOurs() {
        assertThat(kind(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isEmpty();
        assertThat(kind(new SQLException("no state"))).isEmpty();
        RuntimeException looped = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", looped);
        looped.initCause(other);
        assertThat(kind(looped)).isEmpty();
    }
}
