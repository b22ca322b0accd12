package io.comeback.web.dashboard;

import io.comeback.engine.model.CampaignSchedule;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A campaign's schedule in a sentence a marketer reads without knowing the file's keys. */
final class CampaignScheduleWords {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private CampaignScheduleWords() {}

    static String of(CampaignSchedule schedule) {
        if (schedule.asap()) {
            return "As soon as it starts, between " + CampaignSchedule.EARLIEST + " and " + CampaignSchedule.LATEST
                    + " in each recipient's own time zone (outside those hours the text waits for the morning).";
        }
        String day = schedule.date()
                .map(d -> "On " + DAY.format(d))
                .orElse("On the first day the time comes round after the start");
        if (schedule.spread()) {
            return day + ", spread evenly between " + schedule.at() + " and "
                    + schedule.until().orElseThrow() + " in each recipient's own time zone.";
        }
        return day + " at " + schedule.at() + " in each recipient's own time zone (each zone at its own "
                + schedule.at() + ").";
    }
}
