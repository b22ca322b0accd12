package io.comeback.audience.imports;

import java.sql.Connection;
import java.sql.SQLException;

/** Where an import finds connections besides its own: for the lanes that merge batches and the fold's chunks. */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
