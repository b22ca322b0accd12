package io.comeback.reports;

import io.comeback.support.TimeRange;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Calendar periods in a zone, and periods as SQL arrays. */
final class Periods {

    /** A report of more periods than this is refused: nobody reads 10 years of days on one page. */
    static final int MAX_PERIODS = 1000;

    private Periods() {}

    /**
     * The calendar days, weeks or months of {@code zone} that overlap [from, to), the first and last
     * cut to the range: 2026-01-15 to 2026-03-01 by month is [01-15, 02-01), [02-01, 03-01).
     */
    static List<TimeRange> split(Instant from, Instant to, ReportInterval interval, ZoneId zone) {
        List<TimeRange> periods = new ArrayList<>();
        LocalDate day = interval.startOf(from.atZone(zone).toLocalDate());
        Instant start = from;
        while (start.isBefore(to)) {
            day = interval.next(day);
            Instant end = day.atStartOfDay(zone).toInstant();
            if (end.isAfter(start)) {
                Instant cut = end.isBefore(to) ? end : to;
                periods.add(new TimeRange(start, cut));
                start = cut;
                if (periods.size() > MAX_PERIODS) {
                    throw new IllegalArgumentException(
                            "more than " + MAX_PERIODS + " periods; choose a longer interval");
                }
            }
        }
        return periods;
    }

    /** ISO text, cast in SQL: {@code CAST(CAST(? AS text[]) AS timestamptz[])} (as messaging.SqlArrays does). */
    static Array starts(Connection c, List<TimeRange> periods) throws SQLException {
        return c.createArrayOf(
                "text", periods.stream().map(p -> p.start().toString()).toArray());
    }

    static Array ends(Connection c, List<TimeRange> periods) throws SQLException {
        return c.createArrayOf(
                "text", periods.stream().map(p -> p.end().toString()).toArray());
    }
}
