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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When people answer the inbox ({@code comeback.inbox.business-hours.*}), in the shop's zone: whether they do now,
 * and when they do next, for the auto-reply ({@link Replies#inboxAutoReply}).
 */
@ApplicationScoped
public class BusinessHours {

    /** The next opening: {@code daysAhead} 0 is today, 1 tomorrow; {@code day} its day of the week. */
    public record Opening(int daysAhead, DayOfWeek day, LocalTime time) {}

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime open;
    private final LocalTime close;

    @Inject
    public BusinessHours(InboxConfig config) {
        this(
                config.businessHours().zone(),
                config.businessHours().days(),
                config.businessHours().open(),
                config.businessHours().close());
    }

    public BusinessHours(String zone, String days, String open, String close) {
        this.zone = ZoneId.of(zone);
        this.days = parseDays(days);
        this.open = LocalTime.parse(open);
        this.close = LocalTime.parse(close);
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
    }

    /** Today, tomorrow or a later day of the week, at the opening time. */
    public Opening nextOpening(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        LocalDate day = today;
        if (!days.contains(day.getDayOfWeek()) || !local.toLocalTime().isBefore(open)) {
            day = day.plusDays(1);
        }
        for (int i = 0; i < 7 && !days.contains(day.getDayOfWeek()); i++) {
            day = day.plusDays(1);
        }
        return new Opening((int) ChronoUnit.DAYS.between(today, day), day.getDayOfWeek(), open);
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
