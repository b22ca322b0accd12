package io.comeback.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When people answer the inbox, and the auto-reply that tells a texter so: "a person will answer
 * shortly" inside the hours, else "we answer tomorrow from 09:00" (or today, or on Monday).
 */
@ApplicationScoped
public class BusinessHours {

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
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
                config.autoReply().open(),
                config.autoReply().closed());
    }

    public BusinessHours(String zone, String days, String open, String close, String openReply, String closedReply) {
        this.zone = ZoneId.of(zone);
        this.days = parseDays(days);
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
        return days.contains(local.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
    }

    /** "today from 09:00", "tomorrow from 09:00" or "on Monday from 09:00". */
    String nextOpening(ZonedDateTime local) {
        LocalDate today = local.toLocalDate();
        LocalDate day = today;
        if (!days.contains(day.getDayOfWeek()) || !local.toLocalTime().isBefore(open)) {
            day = day.plusDays(1);
        }
        for (int i = 0; i < 7 && !days.contains(day.getDayOfWeek()); i++) {
            day = day.plusDays(1);
        }
        String when = day.equals(today)
                ? "today"
                : day.equals(today.plusDays(1))
                        ? "tomorrow"
                        : "on " + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return when + " from " + open;
    }

    private static Set<DayOfWeek> parseDays(String days) {
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(days.split(","))
                .map(String::trim)
                .filter(d -> !d.isEmpty())
                .forEach(d -> set.add(Arrays.stream(DayOfWeek.values())
                        .filter(w -> w.name().startsWith(d.toUpperCase(Locale.ROOT)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Not a day of the week: " + d))));
        return set;
    }
}
