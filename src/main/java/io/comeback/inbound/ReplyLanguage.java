package io.comeback.inbound;

import io.comeback.audience.PhoneNumbers;
import io.comeback.engine.model.Languages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The language to answer a text in, among those with {@link Replies}: the customer's language when known (its
 * family counts: a Nynorsk writer gets bokmål); else the language of the keyword or phrase they wrote ("lopeta" is
 * Finnish), the number's country breaking a tie ("STOPP" is Norwegian, Danish, Swedish or Icelandic: Swedish from a
 * Swedish number); else, for a text whose words tell nothing, the language of the number's country, as a customer
 * created for that number would have; else the default.
 */
@ApplicationScoped
public class ReplyLanguage {

    private final Replies replies;
    private final PhoneNumbers phones;

    public ReplyLanguage(Replies replies, PhoneNumbers phones) {
        this.replies = replies;
        this.phones = phones;
    }

    /**
     * @param customerLocale the customer's locale, null for an unknown number or a customer without one
     * @param written        the languages the text's words belong to, likeliest first (may be empty)
     */
    public String of(String customerLocale, String phone, List<String> written) {
        return choose(customerLocale, written, country(phone), replies.languages(), replies.defaultLanguage());
    }

    static String choose(
            String customerLocale,
            List<String> written,
            String country,
            Collection<String> available,
            String defaultLanguage) {
        Optional<String> customers = Languages.closest(customerLocale, available);
        if (customers.isPresent()) {
            return customers.get();
        }
        List<String> candidates = written.stream().filter(available::contains).toList();
        List<String> spoken = Languages.spokenIn(country);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (!candidates.isEmpty()) {
            return spoken.stream()
                    .filter(candidates::contains)
                    .findFirst()
                    .or(() -> candidates.contains(defaultLanguage) ? Optional.of(defaultLanguage) : Optional.empty())
                    .orElse(candidates.get(0));
        }
        return spoken.stream()
                .map(language -> Languages.closest(language, available))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(defaultLanguage);
    }

    private String country(String phone) {
        try {
            return phones.normalize(phone).region();
        } catch (PhoneNumbers.InvalidPhoneNumberException | IllegalArgumentException e) {
            return null;
        }
    }
}
