package io.comeback.inbound;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The next opening of the inbox in words, for {@code {when}} in the closed auto-reply: "i morgen fra kl. 09.00",
 * "på måndag från kl. 09.00", "huomenna klo 9.00 alkaen", "á mánudag frá kl. 09:00", "on Monday from 09:00". A
 * language without words of its own here gets the English ones.
 */
final class OpeningWords {

    /**
     * @param pattern {@code %1$s} the day ("i dag", "on Monday"), {@code %2$s} the time
     * @param onDay   {@code %s} the name of a later day
     * @param days    the day names {@code onDay} takes, Monday first; null: the JDK's for the language
     */
    private record Words(
            String today, String tomorrow, String onDay, String[] days, String pattern, DateTimeFormatter time) {}

    private static final DateTimeFormatter COLON = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DOT = DateTimeFormatter.ofPattern("HH.mm");

    private static final Words ENGLISH = new Words("today", "tomorrow", "on %s", null, "%s from %s", COLON);

    private static final Map<String, Words> WORDS = Map.of(
            "en",
            ENGLISH,
            "nb",
            new Words("i dag", "i morgen", "på %s", null, "%s fra kl. %s", DOT),
            "da",
            new Words("i dag", "i morgen", "på %s", null, "%s fra kl. %s", DOT),
            "sv",
            new Words("i dag", "i morgon", "på %s", null, "%s från kl. %s", DOT),
            // The JDK names Finnish days in the essive ("maanantaina"), which is what "on Monday" takes.
            "fi",
            new Words("tänään", "huomenna", "%s", null, "%s klo %s alkaen", DateTimeFormatter.ofPattern("H.mm")),
            // "á" takes the accusative, which the JDK's names (nominative, "mánudagur") are not.
            "is",
            new Words(
                    "í dag",
                    "á morgun",
                    "á %s",
                    new String[] {"mánudag", "þriðjudag", "miðvikudag", "fimmtudag", "föstudag", "laugardag", "sunnudag"
                    },
                    "%s frá kl. %s",
                    COLON));

    private OpeningWords() {}

    /** @param daysAhead 0 today, 1 tomorrow, more: on {@code day} */
    static String describe(String language, int daysAhead, DayOfWeek day, LocalTime time) {
        Words words = WORDS.getOrDefault(language, ENGLISH);
        String when = daysAhead == 0
                ? words.today()
                : daysAhead == 1 ? words.tomorrow() : words.onDay().formatted(dayName(words, language, day));
        return words.pattern().formatted(when, words.time().format(time));
    }

    private static String dayName(Words words, String language, DayOfWeek day) {
        if (words.days() != null) {
            return words.days()[day.getValue() - 1];
        }
        Locale locale = WORDS.containsKey(language) ? Locale.forLanguageTag(language) : Locale.ENGLISH;
        return day.getDisplayName(TextStyle.FULL, locale);
    }
}
