package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Understands a 0–10 score in a reply to "how likely are you to recommend us?".
 *
 * <p>Rules, chosen so that a wrong score is rarer than a missed one (a missed one is re-asked):
 * <ul>
 *   <li>Digits count anywhere in the reply: "9", " 10!", "score: 7", "9 - great service".</li>
 *   <li>"X/10", "X av 10", "X af 10", "X of 10", "X out of 10", "X ud af 10", "X utav 10"
 *       (also with ti/ten/tio as the ten) mean X.</li>
 *   <li>Number words (Norwegian, Danish, Swedish, English, 0–10) count only when they are the whole
 *       answer, optionally with punctuation, emoji, a label ("score:", "karakter") or "av ti":
 *       "Ti!", "nine", "ni av ti". Words such as "en", "to", "fire", "sex", "ni", "one" are also
 *       ordinary words, so inside a sentence ("en gang til") they are never read as a score.</li>
 *   <li>Nothing is returned for out-of-range numbers (11, -1, phone numbers), decimals (7.5),
 *       or two different scores ("7 or 8", "7-8", "8, ni"): the flow re-asks instead of guessing.</li>
 * </ul>
 */
public final class NpsScoreParser {

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            // Norwegian (é folds to e, so "én" is "en")
            Map.entry("null", 0),
            Map.entry("en", 1),
            Map.entry("ett", 1),
            Map.entry("ei", 1),
            Map.entry("to", 2),
            Map.entry("tre", 3),
            Map.entry("fire", 4),
            Map.entry("fem", 5),
            Map.entry("seks", 6),
            Map.entry("sju", 7),
            Map.entry("syv", 7),
            Map.entry("åtte", 8),
            Map.entry("atte", 8),
            Map.entry("ni", 9),
            Map.entry("ti", 10),
            // Danish (adds to the shared ones)
            Map.entry("nul", 0),
            Map.entry("et", 1),
            Map.entry("otte", 8),
            // Swedish
            Map.entry("noll", 0),
            Map.entry("två", 2),
            Map.entry("tva", 2),
            Map.entry("fyra", 4),
            Map.entry("sex", 6),
            Map.entry("åtta", 8),
            Map.entry("atta", 8),
            Map.entry("nio", 9),
            Map.entry("tio", 10),
            // English
            Map.entry("zero", 0),
            Map.entry("one", 1),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10));

    /** Number words that are everyday words too; inside a longer reply they are not scores. */
    private static final Set<String> EVERYDAY_WORDS =
            Set.of("null", "en", "ett", "ei", "et", "to", "fire", "ni", "sex", "one", "nul", "ten");

    private static final Set<String> TENS = Set.of("10", "ti", "tio", "ten");
    private static final Set<String> LABELS =
            Set.of("score", "nps", "karakter", "poeng", "point", "points", "betyg", "rating", "svar", "answer");

    private NpsScoreParser() {}

    public static OptionalInt parse(String reply) {
        if (reply == null) {
            return OptionalInt.empty();
        }
        List<String> tokens = ScoreTokenizer.tokenize(TextNormalizer.fold(reply.replace("🔟", " 10 ")));
        if (tokens == null) {
            return OptionalInt.empty();
        }
        tokens = dropOutOfTen(tokens);
        boolean hasDigits = tokens.stream().anyMatch(NpsScoreParser::isDigits);
        return hasDigits ? fromDigits(tokens) : fromLoneWord(tokens);
    }

    private static OptionalInt fromDigits(List<String> tokens) {
        Set<Integer> values = new TreeSet<>();
        for (String token : tokens) {
            if (isDigits(token)) {
                values.add(token.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(token));
            } else if (NUMBER_WORDS.containsKey(token) && !EVERYDAY_WORDS.contains(token)) {
                values.add(NUMBER_WORDS.get(token));
            }
        }
        if (values.size() != 1) {
            return OptionalInt.empty();
        }
        int value = values.iterator().next();
        return value <= 10 ? OptionalInt.of(value) : OptionalInt.empty();
    }

    private static OptionalInt fromLoneWord(List<String> tokens) {
        List<String> words = tokens;
        if (words.size() == 2 && LABELS.contains(words.get(0))) {
            words = words.subList(1, 2);
        }
        if (words.size() != 1 || !NUMBER_WORDS.containsKey(words.get(0))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(NUMBER_WORDS.get(words.get(0)));
    }

    /** "9/10", "ni av ti", "9 out of 10" → "9": the ten is the scale, not a second score. */
    private static List<String> dropOutOfTen(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.get(i));
            if (!isScoreToken(tokens.get(i))) {
                continue;
            }
            int connectorLength = connectorLength(tokens, i + 1);
            int tenIndex = i + 1 + connectorLength;
            if (connectorLength > 0 && tenIndex < tokens.size() && TENS.contains(tokens.get(tenIndex))) {
                i = tenIndex;
            }
        }
        return out;
    }

    private static int connectorLength(List<String> tokens, int at) {
        String first = at < tokens.size() ? tokens.get(at) : "";
        String second = at + 1 < tokens.size() ? tokens.get(at + 1) : "";
        return switch (first) {
            case "/", "av", "af", "of", "utav" -> 1;
            case "out" -> second.equals("of") ? 2 : 0;
            case "ud" -> second.equals("af") ? 2 : 0;
            case "ut" -> second.equals("av") ? 2 : 0;
            default -> 0;
        };
    }

    private static boolean isScoreToken(String token) {
        return isDigits(token) || NUMBER_WORDS.containsKey(token);
    }

    private static boolean isDigits(String token) {
        return !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
