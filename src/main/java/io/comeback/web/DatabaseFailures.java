package io.comeback.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells, from anywhere in an exception's causes, whether a request failed because PostgreSQL could not be reached
 * (a 503 the client may retry) or because a value was one PostgreSQL cannot store (a 422 the client must fix),
 * rather than because of a fault of ours. Failures reach the mappers wrapped by Hibernate, the transaction
 * manager or our own code, so the whole chain is read, by SQLSTATE where there is one.
 */
final class DatabaseFailures {

    enum Kind {
        UNAVAILABLE,
        UNSTORABLE_VALUE
    }

    /** What PostgreSQL said about an unstorable value, e.g. {@code invalid byte sequence for encoding "UTF8": 0x00}. */
    record Failure(Kind kind, String message) {}

    private DatabaseFailures() {}

    static Optional<Failure> classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return Optional.of(new Failure(Kind.UNAVAILABLE, t.getMessage()));
            }
            if (t instanceof SQLException sql) {
                Optional<Failure> known = bySqlState(sql);
                if (known.isPresent()) {
                    return known;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Failure> bySqlState(SQLException e) {
        String state = e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (state == null) {
            // Agroal's own failures carry no SQLSTATE: the pool had no connection to give within its timeout.
            return message.startsWith("Acquisition timeout") || message.startsWith("Sorry, acquisition timeout")
                    ? Optional.of(new Failure(Kind.UNAVAILABLE, message))
                    : Optional.empty();
        }
        if (state.startsWith("08") // connection exception: refused, broken, lost
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03") // shutting down, starting up
                || state.equals("53300")) { // too many connections
            return Optional.of(new Failure(Kind.UNAVAILABLE, message));
        }
        if (state.equals("22021") // character not in repertoire (NUL in text)
                || state.equals("22P05") // untranslatable character (U+0000 in jsonb)
                || state.equals("22008") // datetime field overflow
                || state.equals("22003")) { // numeric value out of range
            return Optional.of(new Failure(Kind.UNSTORABLE_VALUE, firstLine(message)));
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
