package io.comeback.engine.parse;

import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a local time of day written as {@code HH:MM} (24-hour clock), e.g. {@code "08:00"}. */
final class Times {

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern LOOSE =
            Pattern.compile("(\\d{1,2})(?:[.:]?(\\d{2}))?\\s*(am|pm)?", Pattern.CASE_INSENSITIVE);

    private Times() {}

    static Optional<LocalTime> read(Node node, String path, Problems problems) {
        Optional<String> text = Scalars.text(node, path, problems, "a time of day such as \"10:00\"");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get().trim();
        Matcher m = CLOCK.matcher(t);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (hour < 24 && minute < 60) {
                return Optional.of(LocalTime.of(hour, minute));
            }
        }
        problems.error(
                node,
                path,
                "`" + t + "` is not a time of day: write " + suggestion(t) + " (24-hour clock, HH:MM, in quotes).");
        return Optional.empty();
    }

    private static String suggestion(String t) {
        Matcher m = LOOSE.matcher(t);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (m.group(3) != null && m.group(3).equalsIgnoreCase("pm") && hour < 12) {
                hour += 12;
            }
            if (m.group(3) != null && m.group(3).equalsIgnoreCase("am") && hour == 12) {
                hour = 0;
            }
            if (hour < 24 && minute < 60) {
                return String.format("\"%02d:%02d\"", hour, minute);
            }
        }
        return "e.g. \"10:00\"";
    }
}
