package io.comeback.engine.parse;

import io.comeback.engine.model.FlowDuration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a duration and, when it is not one, works out what the writer probably meant so the
 * message can say "write P3D" instead of only "invalid".
 */
final class Durations {

    static final String EXAMPLES = "P3D = 3 days, PT2H = 2 hours, P1W = 1 week, P1DT12H = 1½ days";
    /** The accepted range, as the messages state it. */
    static final String RANGE =
            "from PT1S up to " + FlowDuration.LONGEST.text() + " (10 years, or P120M, P521W, P3652D)";

    private static final Pattern ISO_ANY_LENGTH =
            Pattern.compile("P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?", Pattern.CASE_INSENSITIVE);

    private static final Pattern WORDS = Pattern.compile("(\\d+)\\s*([\\p{L}]+)");
    private static final Pattern MISSING_T = Pattern.compile("P((?:\\d+[YMWD])*)((?:\\d+[HMS])+)");
    private static final Map<String, String> UNITS = new LinkedHashMap<>();

    static {
        unit("Y", "y", "yr", "yrs", "year", "years", "år");
        unit("M", "mo", "mon", "month", "months", "måned", "måneder", "mnd");
        unit("W", "w", "wk", "wks", "week", "weeks", "uke", "uker");
        unit("D", "d", "day", "days", "dag", "dager", "døgn");
        unit("TH", "h", "hr", "hrs", "hour", "hours", "t", "time", "timer");
        unit("TM", "m", "min", "mins", "minute", "minutes", "minutt", "minutter");
        unit("TS", "s", "sec", "secs", "second", "seconds", "sek", "sekund", "sekunder");
    }

    private Durations() {}

    private static void unit(String iso, String... spellings) {
        for (String s : spellings) {
            UNITS.put(s, iso);
        }
    }

    static Optional<FlowDuration> read(Node node, String path, Problems problems, boolean allowZero) {
        Optional<String> text = Scalars.text(node, path, problems, "a duration such as P3D");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<FlowDuration> parsed = FlowDuration.tryParse(text.get());
        if (parsed.isEmpty()) {
            problems.error(node, path, explain(text.get()));
        } else if (!allowZero && parsed.get().isZero()) {
            problems.error(
                    node, path, "`" + text.get() + "` is zero: write a length above zero, e.g. " + EXAMPLES + ".");
            return Optional.empty();
        } else if (parsed.get().isTooLong()) {
            problems.error(node, path, tooLong(text.get()));
            return Optional.empty();
        }
        return parsed;
    }

    static String tooLong(String written) {
        return "`" + written.trim() + "` is longer than a flow may wait or look back: durations run " + RANGE + ".";
    }

    /** The message for a text that is not a duration, with the likely intended spelling. */
    static String explain(String written) {
        String t = written.trim();
        if (ISO_ANY_LENGTH.matcher(t).matches()
                && t.length() > 1
                && !t.toUpperCase(Locale.ROOT).endsWith("T")) {
            // Well formed, but a number has more digits than any accepted duration needs.
            return tooLong(t);
        }
        String start = "`" + t + "` is not a duration: ";
        if (t.startsWith("-")) {
            return start + "durations cannot be negative. Write e.g. " + EXAMPLES + ".";
        }
        if (t.matches(".*\\d[.,]\\d.*")) {
            return start + "use whole numbers: write PT90M instead of PT1.5H, or P1DT12H instead of P1.5D.";
        }
        if (t.matches("\\d+")) {
            return start + "a number alone has no unit. Write P" + t + "D for " + t + " days or PT" + t + "H for " + t
                    + " hours.";
        }
        return guess(t).map(g -> start + "write " + g + " (ISO-8601: " + EXAMPLES + ").")
                .orElse(start + "write an ISO-8601 duration: " + EXAMPLES + ".");
    }

    private static Optional<String> guess(String t) {
        String upper = t.toUpperCase(Locale.ROOT);
        Matcher missingT = MISSING_T.matcher(upper);
        if (missingT.matches()) {
            String fixed = "P" + missingT.group(1) + "T" + missingT.group(2);
            return FlowDuration.tryParse(fixed).map(FlowDuration::text);
        }
        Matcher words = WORDS.matcher(t.toLowerCase(Locale.ROOT));
        StringBuilder date = new StringBuilder();
        StringBuilder time = new StringBuilder();
        int consumed = 0;
        while (words.find()) {
            String iso = UNITS.get(words.group(2));
            if (iso == null) {
                return Optional.empty();
            }
            (iso.startsWith("T") ? time : date).append(words.group(1)).append(iso.substring(iso.length() - 1));
            consumed++;
        }
        if (consumed == 0) {
            return Optional.empty();
        }
        String candidate = "P" + date + (time.length() > 0 ? "T" + time : "");
        return FlowDuration.tryParse(candidate).map(FlowDuration::text);
    }
}
