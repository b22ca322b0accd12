package io.comeback.gateway.twilio;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the sender of each text. A Messaging Service, when configured, is always named (Twilio
 * then picks a number from its pool); a sender configured for the recipient's country is named as
 * {@code From} (e.g. an alphanumeric "Comeback" for Norway, where people expect a name); else the
 * default {@code From}.
 */
public record Senders(String messagingServiceSid, String defaultFrom, Map<String, String> byCountry) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public Senders {
        byCountry = Map.copyOf(byCountry);
        if (messagingServiceSid == null && defaultFrom == null) {
            throw new IllegalArgumentException("a Messaging Service SID or a default From is needed");
        }
    }

    /** The sender for one recipient. */
    public record Sender(String messagingServiceSid, String from) {}

    public Sender forRecipient(String e164) {
        String countrySender = byCountry.get(countryOf(e164));
        return new Sender(messagingServiceSid, countrySender != null ? countrySender : defaultFrom);
    }

    private static String countryOf(String e164) {
        try {
            return PHONES.getRegionCodeForNumber(PHONES.parse(e164, null));
        } catch (NumberParseException e) {
            return null; // Twilio itself will refuse the number with 21211, which is then acted on.
        }
    }

    /** Parses {@code NO=Comeback, SE=+46701234567}. */
    public static Map<String, String> parseByCountry(String spec) {
        Map<String, String> senders = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "COMEBACK_TWILIO_SENDERS entry '" + entry.trim() + "' should look like NO=Comeback");
            }
            String country = entry.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            if (!PHONES.getSupportedRegions().contains(country)) {
                throw new IllegalArgumentException(
                        "COMEBACK_TWILIO_SENDERS: '" + country + "' is not a country code such as NO or SE");
            }
            senders.put(country, entry.substring(eq + 1).trim());
        }
        return senders;
    }
}
