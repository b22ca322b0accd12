package io.comeback.engine.model;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

/**
 * When a campaign's texts go out, in each recipient's own time zone.
 *
 * @param date  the local day; empty: the first day the time comes round at or after the start
 * @param at    the local time of every text ({@code at}), or the start of the spread
 * @param until the end of the spread ({@code spread: {from, until}}); empty for one time
 * @param asap  no {@code schedule}: every text as soon as the campaign starts (quiet hours still defer it)
 */
public record CampaignSchedule(
        Optional<LocalDate> date, LocalTime at, Optional<LocalTime> until, boolean asap, SourceLocation location) {

    /** The window texts of a campaign may be scheduled in, local time: not before 08:00, not after 21:00. */
    public static final LocalTime EARLIEST = LocalTime.of(8, 0);

    public static final LocalTime LATEST = LocalTime.of(21, 0);

    /** Without {@code schedule}: as soon as the campaign starts, within the window. */
    public static CampaignSchedule immediate() {
        return new CampaignSchedule(Optional.empty(), EARLIEST, Optional.empty(), true, SourceLocation.UNKNOWN);
    }

    public boolean spread() {
        return until.isPresent();
    }
}
