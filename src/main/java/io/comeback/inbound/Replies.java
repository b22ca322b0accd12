package io.comeback.inbound;

import io.comeback.audience.ShopNameConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the service answers at once, in the language it answers in ({@link ReplyLanguage}): the confirmations of
 * STOP and START, HELP, the keyword sign-up question and the inbox auto-reply ({@code comeback.replies.*}, the shop's
 * voice). {@code {shop}} becomes the shop's name.
 */
@ApplicationScoped
public class Replies {

    private final Map<String, RepliesConfig.Texts> texts;
    private final String defaultLanguage;
    private final String shop;
    private final BusinessHours hours;

    @Inject
    public Replies(RepliesConfig config, ShopNameConfig shop, BusinessHours hours) {
        this(config.languages(), config.defaultLanguage(), shop.name(), hours);
    }

    Replies(Map<String, RepliesConfig.Texts> texts, String defaultLanguage, String shop, BusinessHours hours) {
        this.texts = new TreeMap<>();
        texts.forEach((language, t) -> this.texts.put(language.toLowerCase(Locale.ROOT), t));
        this.defaultLanguage = defaultLanguage.toLowerCase(Locale.ROOT);
        this.shop = shop;
        this.hours = hours;
        if (!this.texts.containsKey(this.defaultLanguage)) {
            throw new IllegalStateException("comeback.replies.default-language is " + defaultLanguage
                    + ", which has no texts: set comeback.replies." + defaultLanguage + ".opt-out and the others, or"
                    + " choose one of " + this.texts.keySet());
        }
    }

    /** The languages with texts. */
    public Set<String> languages() {
        return texts.keySet();
    }

    public String defaultLanguage() {
        return defaultLanguage;
    }

    public String optOut(String language) {
        return text(language, RepliesConfig.Texts::optOut);
    }

    public String start(String language) {
        return text(language, RepliesConfig.Texts::start);
    }

    public String help(String language) {
        return text(language, RepliesConfig.Texts::help);
    }

    public String confirmRequest(String language) {
        return text(language, RepliesConfig.Texts::confirmRequest);
    }

    /** "A person answers shortly" inside business hours, else when they do next ({@code {when}}). */
    public String inboxAutoReply(String language, Instant now) {
        if (hours.isOpen(now)) {
            return text(language, RepliesConfig.Texts::inboxOpen);
        }
        BusinessHours.Opening next = hours.nextOpening(now);
        String when = OpeningWords.describe(known(language), next.daysAhead(), next.day(), next.time(), next.date());
        return text(language, RepliesConfig.Texts::inboxClosed).replace("{when}", when);
    }

    private String text(String language, Function<RepliesConfig.Texts, String> which) {
        return which.apply(texts.get(known(language))).replace("{shop}", shop);
    }

    private String known(String language) {
        return language != null && texts.containsKey(language) ? language : defaultLanguage;
    }
}
