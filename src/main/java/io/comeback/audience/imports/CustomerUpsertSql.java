package io.comeback.audience.imports;

import io.comeback.audience.ConsentLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The statement that merges a staged batch of customers: inserts new ones, updates the columns the file has
 * for known ones, and writes the consent ledger for the consents that changed.
 */
final class CustomerUpsertSql {

    /** CSV column → customers column, for the columns an update overwrites when the file has them. */
    private static final Map<String, String> UPDATABLE = Map.of(
            "phone",
            "phone",
            "firstName",
            "first_name",
            "lastName",
            "last_name",
            "email",
            "email",
            "locale",
            "locale",
            "timeZone",
            "time_zone",
            "birthday",
            "birthday");

    private CustomerUpsertSql() {}

    /**
     * One parameter: the import's start, so a row this import already wrote is left to its first line. Rows
     * answer (-1, null, inserted, updated) once, then (line, externalId) for each row an earlier line wrote.
     *
     * @param noteCreated whether the ids of the customers inserted go to {@code import_created_customers}
     */
    static String forColumns(Predicate<String> hasColumn, boolean noteCreated) {
        List<String> sets = new ArrayList<>();
        if (hasColumn.test("phone")) {
            sets.add(
                    "unreachable_since = CASE WHEN customers.phone IS DISTINCT FROM EXCLUDED.phone THEN NULL ELSE customers.unreachable_since END");
        }
        UPDATABLE.forEach((csv, column) -> {
            if (hasColumn.test(csv)) {
                sets.add(column + " = EXCLUDED." + column);
            }
        });
        if (!hasColumn.test("timeZone") && hasColumn.test("phone")) {
            // A new number may mean a new country; the zone follows it unless the file states one.
            sets.add("time_zone = EXCLUDED.time_zone");
        }
        for (String c : List.of("consent_status", "consent_source", "consent_text", "consent_at")) {
            // Consent is only touched by rows that state it; those always carry the time it was given.
            sets.add(c + " = CASE WHEN EXCLUDED.consent_at IS NOT NULL THEN EXCLUDED." + c + " ELSE customers." + c
                    + " END");
        }
        sets.add("attributes = customers.attributes || EXCLUDED.attributes");
        sets.add("updated_at = now()");
        String assignments = String.join(", ", sets);
        // The ledger needs the consent a customer had before this statement. Every part of one statement reads
        // the same snapshot, so the look-up in "ledger" sees the row as it was before "up" changed it; it runs
        // for customers that existed only (the gate on u.inserted comes before the index probe; LIMIT keeps
        // the sub-query a nested loop instead of a join over all customers).
        return """
                WITH up AS (
                    INSERT INTO customers (external_id, phone, first_name, last_name, email, locale, time_zone, birthday,
                                           attributes, consent_status, consent_source, consent_text, consent_at)
                    SELECT external_id, phone, first_name, last_name, email, locale, time_zone, birthday, attributes,
                           COALESCE(consent_status, 'unknown'), consent_source, consent_text, consent_at
                    FROM import_customers ORDER BY external_id
                    ON CONFLICT (external_id) DO UPDATE SET %s
                    -- A row this import already wrote belongs to an earlier line of the file: the first line wins.
                    WHERE customers.updated_at < ?
                    RETURNING id, external_id, (xmax = 0) AS inserted),
                ledger AS (
                    INSERT INTO consent_events (customer_id, phone, change, status, source, text, at)
                    SELECT u.id, s.phone, %s, s.consent_status, s.consent_source, s.consent_text, s.consent_at
                    FROM up u JOIN import_customers s ON s.external_id = u.external_id
                    LEFT JOIN LATERAL (SELECT c.consent_status, c.consent_at FROM customers c
                                       WHERE NOT u.inserted AND c.external_id = s.external_id LIMIT 1) p ON true
                    WHERE s.consent_at IS NOT NULL
                      AND (p.consent_status IS DISTINCT FROM s.consent_status OR p.consent_at IS DISTINCT FROM s.consent_at)
                    RETURNING 1)%s
                SELECT -1, NULL, count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up
                UNION ALL
                SELECT s.line, s.external_id, NULL, NULL FROM import_customers s
                WHERE s.external_id NOT IN (SELECT external_id FROM up)
                """.formatted(
                        assignments,
                        ConsentLedger.CHANGE_KIND_SQL.formatted("p.consent_status", "s.consent_status"),
                        noteCreated
                                ? ",\n    created AS (INSERT INTO import_created_customers SELECT id FROM up WHERE inserted)"
                                : "");
    }
}
