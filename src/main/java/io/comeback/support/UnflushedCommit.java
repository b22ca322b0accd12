package io.comeback.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets the current transaction commit without waiting for its WAL to reach disk (waiting for the
 * flush was most of a batch's time). Only for transactions whose loss in a crash of PostgreSQL itself —
 * never of the service — is harmless because they are redone: their work is still due, and the next
 * synchronous commit (the dispatcher's claim, before any gateway call) flushes them anyway, since the
 * WAL is written in order.
 */
public final class UnflushedCommit {

    private UnflushedCommit() {}

    /** Call inside the transaction (auto-commit off), before its commit. */
    public static void allow(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL synchronous_commit = off");
        }
    }
}
