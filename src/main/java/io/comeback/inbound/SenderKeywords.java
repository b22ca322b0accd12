package io.comeback.inbound;

import io.comeback.audience.PhoneNumbers;
import io.comeback.engine.text.InboundKeywords;
import io.comeback.engine.text.KeywordSets;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * The keyword sets for the number a text comes from, read once from {@code comeback.keywords.*}
 * ({@code comeback.keywords.opt-out}, {@code comeback.keywords.NO.opt-out} …; README "Consent and opt-out").
 */
@ApplicationScoped
public class SenderKeywords {

    static final String PREFIX = "comeback.keywords.";

    private final KeywordSets sets;
    private final PhoneNumbers phones;

    public SenderKeywords(Config config, PhoneNumbers phones) {
        this.phones = phones;
        Map<String, String> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> settings.put(name.substring(PREFIX.length()), v));
            }
        }
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
