package io.comeback.engine.time;

import io.comeback.engine.model.CampaignSchedule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.zip.CRC32;

/**
 * When a campaign's text goes to one recipient: the schedule's local time on its date in the recipient's own zone,
 * DST-correct (a time the clocks skip is taken when they jump; a time that happens twice, the first time). A spread
 * places each recipient at a fixed point of the local window chosen by a hash of campaign and person, so a second
 * computation (another replica, a retry) gives the same time.
 */
public final class CampaignTimes {

    private CampaignTimes() {}

    /**
     * The send time at or after {@code notBefore}: on the schedule's date when it has one and that time is still
     * ahead, else the first day its time comes round at or after {@code notBefore}; a date whose time has passed in
     * this zone sends at {@code notBefore} when that is inside the window, else on the next day's window.
     */
    public static Instant sendAt(
            CampaignSchedule schedule, ZoneId zone, String campaignId, long customerId, Instant notBefore) {
        if (schedule.asap()) {
            return notBefore;
        }
        LocalTime local = localTime(schedule, campaignId, customerId);
        ZonedDateTime earliest = notBefore.atZone(zone);
        LocalDate day = schedule.date().orElse(earliest.toLocalDate());
        if (day.isBefore(earliest.toLocalDate())) {
            day = earliest.toLocalDate();
        }
        ZonedDateTime at = ZonedDateTime.of(day, local, zone);
        if (!at.isBefore(earliest)) {
            return at.toInstant();
        }
        if (schedule.date().isPresent() && !schedule.spread() && inWindow(earliest.toLocalTime())) {
            return notBefore; // the date's time passed here already: send now rather than a day late
        }
        return ZonedDateTime.of(day.plusDays(1), local, zone).toInstant();
    }

    /** The recipient's local send time: the schedule's {@code at}, or their point of the spread. */
    static LocalTime localTime(CampaignSchedule schedule, String campaignId, long customerId) {
        if (!schedule.spread()) {
            return schedule.at();
        }
        long seconds = java.time.Duration.between(
                        schedule.at(), schedule.until().orElseThrow())
                .toSeconds();
        return schedule.at().plusSeconds(fraction(campaignId, customerId, seconds));
    }

    private static long fraction(String campaignId, long customerId, long range) {
        CRC32 crc = new CRC32();
        crc.update((campaignId + "|spread|" + customerId).getBytes(StandardCharsets.UTF_8));
        return range <= 0 ? 0 : crc.getValue() % range;
    }

    private static boolean inWindow(LocalTime time) {
        return !time.isBefore(CampaignSchedule.EARLIEST) && time.isBefore(CampaignSchedule.LATEST);
    }

    /** Whether the person is in the A/B test share ({@code percent} of 100), by a hash as the holdout is chosen. */
    public static boolean inTest(String campaignId, long customerId, int percent) {
        CRC32 crc = new CRC32();
        crc.update((campaignId + "|test|" + customerId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < percent;
    }

    /** The test variant of a person in the test share: an equal split by a hash. */
    public static int variantIndex(String campaignId, long customerId, int variants) {
        CRC32 crc = new CRC32();
        crc.update((campaignId + "|variant|" + customerId).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % variants);
    }
}
