package io.comeback.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One hand-written JDBC transaction on a connection of its own: committed when the work returns, rolled back when it
 * throws (a half-done change never reaches the pool's next user), the connection handed back in auto-commit mode. A
 * runtime exception of the work (a refusal) passes through as it is; a database failure becomes an
 * {@link IllegalStateException} saying what could not be done. Work that finds nothing to do may roll back itself
 * and return; the commit after it then commits nothing.
 */
public final class Transactions {

    private Transactions() {}

    /** Work that answers something. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Work that answers nothing. */
    @FunctionalInterface
    public interface Steps {
        void run(Connection c) throws SQLException;
    }

    /**
     * @param failure what could not be done, for the exception a database failure becomes ("Could not cancel
     *                campaign x")
     */
    public static <T> T call(DataSource dataSource, String failure, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure, e);
        }
    }

    /** {@link #call} for work that answers nothing. */
    public static void run(DataSource dataSource, String failure, Steps steps) {
        call(dataSource, failure, c -> {
            steps.run(c);
            return null;
        });
    }
}
