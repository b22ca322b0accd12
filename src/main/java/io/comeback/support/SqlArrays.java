package io.comeback.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Column arrays for set-based statements ({@code INSERT … SELECT FROM unnest(…)}): one round trip
 * and one plan for a whole batch. Instants travel as ISO text and are cast to timestamptz in SQL.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static <T> Array texts(Connection c, List<T> rows, Function<T, String> column) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(column).toArray());
    }

    public static <T> Array longs(Connection c, List<T> rows, Function<T, Long> column) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(column).toArray());
    }

    public static <T> Array ints(Connection c, List<T> rows, Function<T, Integer> column) throws SQLException {
        return c.createArrayOf("integer", rows.stream().map(column).toArray());
    }

    public static <T> Array booleans(Connection c, List<T> rows, Function<T, Boolean> column) throws SQLException {
        return c.createArrayOf("boolean", rows.stream().map(column).toArray());
    }

    public static <T> Array instants(Connection c, List<T> rows, Function<T, Instant> column) throws SQLException {
        return c.createArrayOf(
                "text",
                rows.stream()
                        .map(column)
                        .map(i -> i == null ? null : i.toString())
                        .toArray());
    }
}
