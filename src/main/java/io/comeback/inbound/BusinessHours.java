package io.comeback.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * When people answer the inbox, and the auto-reply that tells a texter so: "a person will answer
 * shortly" inside the hours, else "we answer tomorrow from 09:00" (or today, or on Monday, or on 2 January after
 * a long holiday). Holidays are closed days ({@link OpeningDays}).
 */
@ApplicationScoped
public class BusinessHours {

    private final ZoneId zone;
    private final OpeningDays days;
    private final LocalTime open;
    private final LocalTime close;
    private final String openReply;
    private final String closedReply;

    @Inject
    public BusinessHours(InboxConfig config) {
        this(
                config.businessHours().zone(),
                config.businessHours().days(),
                config.businessHours().open(),
                config.businessHours().close(),
                config.businessHours().holidays(),
                config.autoReply().open(),
                config.autoReply().closed());
    }

    public BusinessHours(String zone, String days, String open, String close, String openReply, String closedReply) {
        this(zone, days, open, close, "none", openReply, closedReply);
    }

    public BusinessHours(
            String zone,
            String days,
            String open,
            String close,
            String holidays,
            String openReply,
            String closedReply) {
        this.zone = ZoneId.of(zone);
        this.days = OpeningDays.parse(days, holidays);
        this.open = LocalTime.parse(open);
        this.close = LocalTime.parse(close);
        this.openReply = openReply;
        this.closedReply = closedReply;
    }

    public String autoReply(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (isOpen(local)) {
            return openReply;
        }
        return closedReply.replace("{when}", nextOpening(local));
    }

    boolean isOpen(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        return days.isOpen(local.toLocalDate()) && !time.isBefore(open) && time.isBefore(close);
    }

    /** "today from 09:00", "tomorrow from 09:00", "on Monday from 09:00" or "on 2 January from 09:00". */
    String nextOpening(ZonedDateTime local) {
        LocalDate today = local.toLocalDate();
        LocalDate from = local.toLocalTime().isBefore(open) ? today : today.plusDays(1);
        LocalDate day = days.firstOpenFrom(from).orElse(from);
        String when = day.equals(today)
                ? "today"
                : day.equals(today.plusDays(1))
                        ? "tomorrow"
                        : day.isBefore(today.plusDays(7))
                                ? "on " + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                : "on " + DAY_AND_MONTH.format(day);
        return when + " from " + open;
    }

    private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
}
