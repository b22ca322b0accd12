package io.comeback.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When people answer the inbox ({@code comeback.inbox.business-hours.*}), in the shop's zone: whether they do now,
 * and when they do next, for the auto-reply ({@link Replies#inboxAutoReply}). Holidays are closed days
 * ({@link OpeningDays}).
 */
@ApplicationScoped
public class BusinessHours {

    /**
     * The next opening: {@code daysAhead} 0 is today, 1 tomorrow; {@code day} its day of the week, {@code date} its
     * date (named instead of the day when it is a week or more away, after a long holiday).
     */
    public record Opening(int daysAhead, DayOfWeek day, LocalTime time, LocalDate date) {}

    private final ZoneId zone;
    private final OpeningDays days;
    private final LocalTime open;
    private final LocalTime close;

    @Inject
    public BusinessHours(InboxConfig config) {
        this(
                config.businessHours().zone(),
                config.businessHours().days(),
                config.businessHours().open(),
                config.businessHours().close(),
                config.businessHours().holidays());
    }

    public BusinessHours(String zone, String days, String open, String close) {
        this(zone, days, open, close, "none");
    }

    /** @param holidays closed days: {@code 12-25} every year, {@code 2031-04-18} once; {@code none} for none */
    public BusinessHours(String zone, String days, String open, String close, String holidays) {
        this.zone = ZoneId.of(zone);
        this.days = OpeningDays.parse(days, holidays);
        this.open = LocalTime.parse(open);
        this.close = LocalTime.parse(close);
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.isOpen(local.toLocalDate()) && !time.isBefore(open) && time.isBefore(close);
    }

    /** Today, tomorrow or a later open day (past weekends and holidays), at the opening time. */
    public Opening nextOpening(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        LocalDate from = local.toLocalTime().isBefore(open) ? today : today.plusDays(1);
        LocalDate day = days.firstOpenFrom(from).orElse(from);
        return new Opening((int) ChronoUnit.DAYS.between(today, day), day.getDayOfWeek(), open, day);
    }
}
