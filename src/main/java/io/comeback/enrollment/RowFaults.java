package io.comeback.enrollment;

import java.sql.SQLException;

/**
 * Tells a statement that failed because of the values of some row (retrying without that row helps) from
 * one that failed because of the database (lost connection, timeout, deadlock, shutdown: the whole batch
 * is retried later, and no enrollment is blamed for it).
 */
final class RowFaults {

    private RowFaults() {}

    /**
     * SQLSTATE classes about the values written: 22 data exception (a time PostgreSQL cannot hold, a value
     * too long, a zero byte), 23 integrity constraint violation, 54 program limit exceeded (a row too large
     * for an index).
     */
    static boolean isRowData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** A runtime failure that wraps a database failure of the database's making (not of a row's values). */
    static boolean isDatabaseTrouble(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return !isRowData(sql);
            }
        }
        return false;
    }
}
