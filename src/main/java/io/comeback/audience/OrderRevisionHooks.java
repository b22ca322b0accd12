package io.comeback.audience;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told around every change to an order that already counted (its amount, refunds, time, or it stops counting), in
 * the changing transaction, so figures kept incrementally above the audience (the loyalty roll-ups of reports) can
 * take the customer's orders out as they were and add them back as they are. Implemented in reports.
 */
public interface OrderRevisionHooks {

    /** Before the customer's counted orders change. */
    void beforeChange(Connection c, long customerId) throws SQLException;

    /** After they changed. */
    void afterChange(Connection c, long customerId) throws SQLException;
}
