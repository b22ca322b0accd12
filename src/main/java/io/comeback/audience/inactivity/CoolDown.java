package io.comeback.audience.inactivity;

import io.comeback.engine.model.ReEntry;

/**
 * The re-entry rule of a flow as an SQL condition on the customer's last recorded match
 * ({@code h.last_matched_at}, from {@code detector_last_matches}; NULL when never matched), so a
 * customer who is still lapsed is not matched again on every run.
 */
final class CoolDown {

    /**
     * Latest match per customer for the flow (the one parameter); refused entries do not count
     * ({@link MatchStore} keeps this table with the log): one row per customer, never an aggregate.
     */
    static final String LAST_MATCHES = """
            SELECT customer_id, last_matched_at FROM detector_last_matches WHERE flow_id = ?""";

    private CoolDown() {}

    /** @param asOf the detection instant */
    static String condition(ReEntry reEntry, java.time.Instant asOf) {
        if (reEntry instanceof ReEntry.Never) {
            return "h.last_matched_at IS NOT NULL";
        }
        if (reEntry instanceof ReEntry.Cooldown cooldown) {
            return "NOT " + InactivitySql.lapsedBy("h.last_matched_at", "l.time_zone", cooldown.cooldown(), asOf);
        }
        // "always" may enter again, but not while still in the same lapse: only once the customer
        // has ordered or engaged since the last match and lapsed anew.
        return "h.last_matched_at >= COALESCE(GREATEST(l.last_order_at, l.last_engaged_at), '-infinity')";
    }
}
