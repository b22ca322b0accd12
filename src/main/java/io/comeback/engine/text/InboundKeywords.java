package io.comeback.engine.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Understands the standing commands of SMS marketing in an inbound text, whatever flow is active:
 * opt-out (STOP, STOPP, AVMELD …, and phrases such as "please stop texting me" or "stopp å sende meg
 * sms"), re-subscribe (START, UNSTOP, YES) and help (HELP, INFO, HJELP, HJÆLP). Matching is case-
 * and accent-insensitive and ignores surrounding whitespace and punctuation.
 *
 * <p>A keyword counts when it is the whole message or opens a short one ("STOP please", "Stopp takk").
 * A keyword inside a longer sentence ("when does the sale stop?") is not a command; only the opt-out
 * phrases below are looked for anywhere, because they say what they mean. Re-subscribe words such as
 * YES only mean re-subscribe to someone who has opted out: the caller decides that.
 */
public final class InboundKeywords {

    public enum Intent {
        OPT_OUT,
        RESUBSCRIBE,
        HELP,
        NONE
    }

    /**
     * Keyword sets, configurable per country. Words are matched after {@link TextNormalizer#normalize}.
     * {@code confirm}: the answers that confirm a keyword sign-up (double opt-in: "reply YES").
     */
    public record Vocabulary(Set<String> optOut, Set<String> resubscribe, Set<String> help, Set<String> confirm) {
        public static final Set<String> DEFAULT_CONFIRM = Set.of("yes", "ja");
        public static final Vocabulary DEFAULT = new Vocabulary(
                Set.of(
                        "stop",
                        "stopp",
                        "stopall",
                        "unsubscribe",
                        "cancel",
                        "end",
                        "quit",
                        "avmeld",
                        "afmeld",
                        "avslutt",
                        "sluta",
                        "optout",
                        "revoke",
                        "avsluta",
                        "stoppa",
                        "opt-out"),
                Set.of("start", "unstop", "yes"),
                Set.of("help", "info", "hjelp", "hjælp"),
                DEFAULT_CONFIRM);

        public Vocabulary {
            optOut = normalized(optOut);
            resubscribe = normalized(resubscribe);
            help = normalized(help);
            confirm = normalized(confirm);
        }

        public Vocabulary(Set<String> optOut, Set<String> resubscribe, Set<String> help) {
            this(optOut, resubscribe, help, DEFAULT_CONFIRM);
        }

        private static Set<String> normalized(Set<String> words) {
            return words.stream().map(TextNormalizer::normalize).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** Longest message, in words, that a leading keyword still commands. */
    private static final int SHORT_MESSAGE_WORDS = 3;

    private static final List<Pattern> OPT_OUT_PHRASES = List.of(
            // English
            Pattern.compile("\\b(stop|quit) (texting|messaging|sending|contacting|spamming)\\b"),
            Pattern.compile("\\b(unsubscribe|opt me out|opt out|remove me|take me off)\\b"),
            Pattern.compile("\\b(don'?t|do not) (text|message|sms|contact) me\\b"),
            Pattern.compile("\\bno more (texts|messages|sms)\\b"),
            // Norwegian
            Pattern.compile("\\b(stopp|slutt) (å|aa|med å) (sende|tekste|kontakte)\\b"),
            Pattern.compile("\\bikke send (meg )?(flere |mer )?(sms|meldinger|tekstmeldinger)\\b"),
            Pattern.compile("\\b(meld meg av|avmeld meg|vil ikke ha (flere |mer )?(sms|meldinger))\\b"),
            // Swedish
            Pattern.compile("\\bsluta (skicka|sms:a|messa)\\b"),
            Pattern.compile("\\b(avregistrera mig|avsluta prenumerationen|vill inte ha (fler )?(sms|meddelanden))\\b"),
            // Danish
            Pattern.compile("\\bstop med at (sende|skrive)\\b"),
            Pattern.compile("\\b(afmeld mig|meld mig af|ikke flere (sms|beskeder))\\b"));

    public static final InboundKeywords DEFAULT = new InboundKeywords(Vocabulary.DEFAULT);

    private final Vocabulary vocabulary;

    public InboundKeywords(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public Intent classify(String body) {
        String text = TextNormalizer.normalize(body);
        if (text.isEmpty()) {
            return Intent.NONE;
        }
        String[] words = text.split(" ");
        String first = words[0].replaceAll("[^\\p{L}\\p{N}-]+$", "");
        boolean short_ = words.length <= SHORT_MESSAGE_WORDS;
        if (text.equals(first) || short_) {
            if (vocabulary.optOut().contains(first)) {
                return Intent.OPT_OUT;
            }
            if (text.equals(first) && vocabulary.help().contains(first)) {
                return Intent.HELP;
            }
            if (text.equals(first) && vocabulary.resubscribe().contains(first)) {
                return Intent.RESUBSCRIBE;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Pattern phrase : OPT_OUT_PHRASES) {
            if (phrase.matcher(lower).find()) {
                return Intent.OPT_OUT;
            }
        }
        return Intent.NONE;
    }

    public boolean isOptOut(String body) {
        return classify(body) == Intent.OPT_OUT;
    }

    /**
     * Whether the text confirms a sign-up: a confirm word (YES, JA) alone or opening a short message
     * ("Ja takk!"), and nothing that opts out. Only an answer to a pending question counts: the caller decides that.
     */
    public boolean isConfirmation(String body) {
        String text = TextNormalizer.normalize(body);
        if (text.isEmpty() || classify(body) == Intent.OPT_OUT) {
            return false;
        }
        String[] words = text.split(" ");
        String first = words[0].replaceAll("[^\\p{L}\\p{N}-]+$", "");
        return words.length <= SHORT_MESSAGE_WORDS && vocabulary.confirm().contains(first);
    }
}
