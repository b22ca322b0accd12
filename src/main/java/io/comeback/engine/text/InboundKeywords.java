package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Understands the standing commands of SMS marketing in an inbound text, whatever flow is active: opt-out (STOP,
 * STOPP, AVMELD, SLUTA, LOPETA, HÆTTA …), re-subscribe (START, ALOITA, BYRJA …) and help (HELP, HJELP, HJÄLP …),
 * and the language the text is written in ({@link KeywordLexicons}). Matching is case- and accent-insensitive and
 * ignores punctuation and emoji.
 *
 * <p>The phrase model. A text is a command when its words are standing keywords and nothing else but polite and
 * filler words: "STOP", "STOP please", "Stopp dette nå takk", "avmeld meg". A keyword beside any other word is no
 * command — "Når stopper salget?", "never stop", "cancel my order", "peru tilaukseni" — because that word may say
 * what the keyword is about. Besides, an opt-out phrase that says what it means opts out wherever it stands ("can
 * you stop sending these?", "Ikke send mer", "Sluta skicka"), unless a negation stands just before it ("please
 * don't stop sending offers"). An opt-out word wins over START or HELP in the same text. Re-subscribe words such as
 * YES only mean re-subscribe to someone who has opted out: the caller decides that.
 */
public final class InboundKeywords {

    public enum Intent {
        OPT_OUT,
        RESUBSCRIBE,
        HELP,
        NONE
    }

    /** What a text says, and the languages it may be in, likeliest first; empty when its words do not tell. */
    public record Understood(Intent intent, List<String> languages) {
        public static final Understood NOTHING = new Understood(Intent.NONE, List.of());

        public Understood {
            languages = List.copyOf(languages);
        }
    }

    /**
     * Keyword sets, configurable per country. Words (or groups of words) are matched after {@link
     * TextNormalizer#normalize}. {@code confirm}: the answers that confirm a keyword sign-up (double opt-in: "reply
     * YES"). The defaults are every lexicon's words.
     */
    public record Vocabulary(Set<String> optOut, Set<String> resubscribe, Set<String> help, Set<String> confirm) {
        public static final Set<String> DEFAULT_CONFIRM = union(KeywordLexicon::confirm);
        public static final Vocabulary DEFAULT = new Vocabulary(
                union(KeywordLexicon::optOut),
                union(KeywordLexicon::start),
                union(KeywordLexicon::help),
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

        private static Set<String> union(java.util.function.Function<KeywordLexicon, Set<String>> set) {
            return KeywordLexicons.ALL.stream()
                    .flatMap(l -> set.apply(l).stream())
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    public static final InboundKeywords DEFAULT = new InboundKeywords(Vocabulary.DEFAULT);

    private final ShortCommand commands;
    private final ShortCommand confirmations;

    public InboundKeywords(Vocabulary vocabulary) {
        this.commands = new ShortCommand(Map.of(
                Intent.OPT_OUT, vocabulary.optOut(),
                Intent.RESUBSCRIBE, vocabulary.resubscribe(),
                Intent.HELP, vocabulary.help()));
        this.confirmations = new ShortCommand(Map.of(Intent.RESUBSCRIBE, vocabulary.confirm()));
    }

    public Intent classify(String body) {
        return understand(body).intent();
    }

    /** The command in the text, if any, and the languages its words belong to. */
    public Understood understand(String body) {
        List<String> words = Words.of(body);
        if (words.isEmpty()) {
            return Understood.NOTHING;
        }
        Optional<ShortCommand.Read> command = commands.read(words);
        if (command.isPresent()) {
            Set<Intent> intents = command.get().intents();
            Intent intent = intents.contains(Intent.OPT_OUT)
                    ? Intent.OPT_OUT
                    : intents.contains(Intent.HELP) ? Intent.HELP : Intent.RESUBSCRIBE;
            return new Understood(intent, command.get().languages());
        }
        List<String> phraseLanguages = optOutPhraseLanguages(words);
        return phraseLanguages.isEmpty() ? Understood.NOTHING : new Understood(Intent.OPT_OUT, phraseLanguages);
    }

    public boolean isOptOut(String body) {
        return classify(body) == Intent.OPT_OUT;
    }

    /**
     * Whether the text confirms a sign-up: confirm words (YES, JA, KYLLÄ) with nothing but polite words around them
     * ("Ja takk!", "yes please"), and nothing that opts out. Only an answer to a pending question counts: the caller
     * decides that.
     */
    public boolean isConfirmation(String body) {
        return confirmations.read(Words.of(body)).isPresent() && classify(body) != Intent.OPT_OUT;
    }

    /** The languages with an opt-out phrase in the text that no negation of theirs turns around. */
    private static List<String> optOutPhraseLanguages(List<String> words) {
        String text = String.join(" ", words);
        Set<String> languages = new LinkedHashSet<>();
        for (KeywordLexicon lexicon : KeywordLexicons.ALL) {
            for (Pattern phrase : lexicon.optOutPhrases()) {
                Matcher m = phrase.matcher(text);
                while (m.find()) {
                    if (!negated(words, wordsBefore(text, m.start()), lexicon.negations())) {
                        languages.add(lexicon.language());
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(languages);
    }

    private static int wordsBefore(String text, int index) {
        int spaces = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == ' ') {
                spaces++;
            }
        }
        return spaces;
    }

    /** A negation one or two words before the phrase: "don't stop sending", "ikke bare slutt å sende". */
    private static boolean negated(List<String> words, int phraseStart, Set<String> negations) {
        for (int i = Math.max(0, phraseStart - 2); i < phraseStart; i++) {
            if (negations.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }
}
