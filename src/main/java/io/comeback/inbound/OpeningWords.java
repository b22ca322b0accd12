package io.comeback.inbound;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The next opening of the inbox in words, for {@code {when}} in the closed auto-reply: "i morgen fra kl. 09.00",
 * "på måndag från kl. 09.00", "huomenna klo 9.00 alkaen", "á mánudag frá kl. 09:00", "on Monday from 09:00"; an
 * opening a week or more away (after a long holiday) by its date: "den 10. juli fra kl. 09.00", "on 10 July from
 * 09:00". A language without words of its own here gets the English ones.
 */
final class OpeningWords {

    /**
     * @param pattern {@code %1$s} the day ("i dag", "on Monday"), {@code %2$s} the time
     * @param onDay   {@code %s} the name of a later day
     * @param days    the day names {@code onDay} takes, Monday first; null: the JDK's for the language
     * @param onDate  {@code %s} a date a week or more away, written by {@code date}
     */
    private record Words(
            String today,
            String tomorrow,
            String onDay,
            String[] days,
            String pattern,
            DateTimeFormatter time,
            String onDate,
            DateTimeFormatter date) {}

    private static final DateTimeFormatter COLON = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DOT = DateTimeFormatter.ofPattern("HH.mm");

    private static final Words ENGLISH =
            new Words("today", "tomorrow", "on %s", null, "%s from %s", COLON, "on %s", date("d MMMM", "en"));

    private static final Map<String, Words> WORDS = Map.of(
            "en",
            ENGLISH,
            "nb",
            new Words("i dag", "i morgen", "på %s", null, "%s fra kl. %s", DOT, "den %s", date("d. MMMM", "nb")),
            "da",
            new Words("i dag", "i morgen", "på %s", null, "%s fra kl. %s", DOT, "den %s", date("d. MMMM", "da")),
            "sv",
            new Words("i dag", "i morgon", "på %s", null, "%s från kl. %s", DOT, "den %s", date("d MMMM", "sv")),
            // The JDK names Finnish days in the essive ("maanantaina"), which is what "on Monday" takes.
            "fi",
            new Words(
                    "tänään",
                    "huomenna",
                    "%s",
                    null,
                    "%s klo %s alkaen",
                    DateTimeFormatter.ofPattern("H.mm"),
                    "%s",
                    date("d.M.", "fi")),
            // "á" takes the accusative, which the JDK's names (nominative, "mánudagur") are not.
            "is",
            new Words(
                    "í dag",
                    "á morgun",
                    "á %s",
                    new String[] {"mánudag", "þriðjudag", "miðvikudag", "fimmtudag", "föstudag", "laugardag", "sunnudag"
                    },
                    "%s frá kl. %s",
                    COLON,
                    "%s",
                    date("d. MMMM", "is")));

    private OpeningWords() {}

    /** @param daysAhead 0 today, 1 tomorrow, up to 6: on {@code day}; 7 or more: on {@code date} */
    static String describe(String language, int daysAhead, DayOfWeek day, LocalTime time, LocalDate date) {
        Words words = WORDS.getOrDefault(language, ENGLISH);
        String when = daysAhead == 0
                ? words.today()
                : daysAhead == 1
                        ? words.tomorrow()
                        : daysAhead < 7
                                ? words.onDay().formatted(dayName(words, language, day))
                                : words.onDate().formatted(words.date().format(date));
        return words.pattern().formatted(when, words.time().format(time));
    }

    private static DateTimeFormatter date(String pattern, String language) {
        return DateTimeFormatter.ofPattern(pattern, Locale.forLanguageTag(language));
    }

    private static String dayName(Words words, String language, DayOfWeek day) {
        if (words.days() != null) {
            return words.days()[day.getValue() - 1];
        }
        Locale locale = WORDS.containsKey(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
        return day.getDisplayName(TextStyle.FULL, locale);
    }
}
