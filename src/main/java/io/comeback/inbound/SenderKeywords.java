package io.comeback.inbound;

import io.comeback.audience.PhoneNumbers;
import io.comeback.engine.text.InboundKeywords;
import io.comeback.engine.text.KeywordSets;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The keyword sets for the number a text comes from, read once from {@code comeback.keywords.*}
 * ({@code comeback.keywords.opt-out}, {@code comeback.keywords.NO.opt-out} …; README "Consent and opt-out").
 */
@ApplicationScoped
public class SenderKeywords {

    private final KeywordSets sets;
    private final PhoneNumbers phones;

    public SenderKeywords(KeywordsConfig config, PhoneNumbers phones) {
        this.phones = phones;
        Map<String, String> settings = new HashMap<>();
        config.optOut().ifPresent(v -> settings.put(KeywordSets.OPT_OUT, v));
        config.resubscribe().ifPresent(v -> settings.put(KeywordSets.RESUBSCRIBE, v));
        config.help().ifPresent(v -> settings.put(KeywordSets.HELP, v));
        config.confirm().ifPresent(v -> settings.put(KeywordSets.CONFIRM, v));
        config.countries().forEach((country, sets) -> {
            sets.optOut().ifPresent(v -> settings.put(country + "." + KeywordSets.OPT_OUT, v));
            sets.resubscribe().ifPresent(v -> settings.put(country + "." + KeywordSets.RESUBSCRIBE, v));
            sets.help().ifPresent(v -> settings.put(country + "." + KeywordSets.HELP, v));
            sets.confirm().ifPresent(v -> settings.put(country + "." + KeywordSets.CONFIRM, v));
        });
        this.sets = KeywordSets.fromSettings(settings);
    }

    /** The keywords for texts from this number: its country's sets, or the global ones. */
    public InboundKeywords forSender(String phone) {
        try {
            return sets.forCountry(phones.normalize(phone).region());
        } catch (PhoneNumbers.InvalidPhoneNumberException | IllegalArgumentException e) {
            return sets.forCountry(null);
        }
    }
}
