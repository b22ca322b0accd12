package io.comeback.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads every column of every table of the public schema that can hold words — text, character, JSON, arrays,
 * bytea (as its bytes) — and tells where any of the given strings occurs, case-insensitively. What a dump of the
 * database would show, without the dump: a new table or column is read without being named here.
 */
public final class DatabaseText {

    private static final String COLUMNS = """
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')
            ORDER BY 1, 2""";

    private DatabaseText() {}

    /** @return one "table.column: needle" per column and string found there */
    public static List<String> find(DataSource dataSource, Collection<String> needles) throws SQLException {
        List<String> lower =
                needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        String pattern = lower.stream().map(DatabaseText::literal).collect(Collectors.joining("|"));
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(COLUMNS);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] column : columns) {
                String quoted = "\"" + column[1] + "\"";
                String text = "bytea".equals(column[2]) ? "encode(" + quoted + ", 'escape')" : quoted + "::text";
                String sql = "SELECT DISTINCT (regexp_matches(lower(" + text + "), ?, 'g'))[1] FROM \"" + column[0]
                        + "\" WHERE lower(" + text + ") ~ ?";
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setString(1, "(" + pattern + ")");
                    st.setString(2, pattern);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            found.add(column[0] + "." + column[1] + ": " + rs.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The string as a literal of a PostgreSQL regular expression. */
    private static String literal(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (!Character.isLetterOrDigit(ch)) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** Every spelling of a number a dump could show: E.164, without the plus, the national number. */
    public static List<String> spellings(String e164, String countryCode) {
        String digits = e164.substring(1);
        return List.of(e164, digits, digits.substring(countryCode.length()));
    }
}
