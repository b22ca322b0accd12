package io.comeback.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The planner switches the service sets, for the current transaction only ({@code SET LOCAL}: they end with it,
 * so a pooled connection never carries them into someone else's statements). Call with auto-commit off.
 * <p>
 * Why they exist: PostgreSQL plans from estimates, and some statements are estimated far from what they do. An
 * array of periods or of unnested parameters is guessed at many more rows than it has, and a table filled faster
 * than autovacuum analyzes it is guessed at far fewer. The first makes JIT compile plans that then run briefly
 * once; the second makes scans of whole tables look cheap.
 */
public final class PlannerSettings {

    private PlannerSettings() {}

    /** No JIT compilation: for statements estimated far above what they cost, where compiling outweighs running. */
    public static void withoutJit(Connection c) throws SQLException {
        execute(c, "SET LOCAL jit = off");
    }

    /**
     * Index paths only (no sequential or bitmap scans): for statements that touch a few rows per key and must not
     * read most of a table when its statistics are stale (right after a large import).
     */
    public static void indexPathsOnly(Connection c) throws SQLException {
        execute(c, "SET LOCAL enable_bitmapscan = off");
        execute(c, "SET LOCAL enable_seqscan = off");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
