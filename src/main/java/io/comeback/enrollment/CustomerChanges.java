package io.comeback.enrollment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribute and tag writes flows make on customers ({@code set:} steps), collected over a batch and
 * written in its transaction, per enrollment. Rare next to sends, so plain statements are enough.
 */
final class CustomerChanges {

    private static final String SET_ATTRIBUTE = "UPDATE customers SET attributes = attributes || "
            + "jsonb_build_object(CAST(? AS text), CAST(? AS text)), updated_at = now() WHERE id = ?";
    private static final String ADD_TAG = "UPDATE customers SET tags = array_append(array_remove(tags, "
            + "CAST(? AS text)), CAST(? AS text)), updated_at = now() WHERE id = ?";
    private static final String REMOVE_TAG =
            "UPDATE customers SET tags = array_remove(tags, CAST(? AS text)), " + "updated_at = now() WHERE id = ?";

    /** A statement and its parameters in the SQL's order. */
    private record Write(String sql, List<Object> params) {}

    /** What an enrollment without {@code set} decisions writes; never added to. */
    static final CustomerChanges NONE = new CustomerChanges();

    private final List<Write> writes = new ArrayList<>();

    void attribute(long customerId, String name, String value) {
        writes.add(new Write(SET_ATTRIBUTE, java.util.Arrays.asList(name, value, customerId)));
    }

    void addTag(long customerId, String tag) {
        writes.add(new Write(ADD_TAG, List.of(tag, tag, customerId)));
    }

    void removeTag(long customerId, String tag) {
        writes.add(new Write(REMOVE_TAG, List.of(tag, customerId)));
    }

    /** Writes them; again after a rollback to a savepoint, when the batch is written row by row. */
    void flush(Connection c) throws SQLException {
        for (Write w : writes) {
            try (PreparedStatement st = c.prepareStatement(w.sql())) {
                for (int i = 0; i < w.params().size(); i++) {
                    st.setObject(i + 1, w.params().get(i));
                }
                st.executeUpdate();
            }
        }
    }
}
