package io.comeback.audience;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Normalises phone numbers to E.164 so every spelling of a number ({@code 912 34 567},
 * {@code +47 912 34 567}, {@code 004791234567}) is the same person.
 */
@ApplicationScoped
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    @Inject
    public PhoneNumbers(PhoneConfig config) {
        this(config.defaultRegion());
    }

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase();
        if (!UTIL.getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalArgumentException("comeback.phone.default-region '" + defaultRegion
                    + "' is not a region code such as NO, SE, DK, GB or US");
        }
    }

    public record Normalized(String e164, String region, Optional<ZoneId> zone) {}

    /** @throws InvalidPhoneNumberException with a message a person can act on */
    public Normalized normalize(String raw) {
        return normalize(raw, null);
    }

    /**
     * A number written without a country code is read as one of {@code country} (ISO 3166 alpha-2, e.g. the
     * customer's), else of the default region: {@code 070 123 45 67} with country SE is {@code +46701234567}.
     *
     * @throws InvalidPhoneNumberException with a message a person can act on
     */
    public Normalized normalize(String raw, String country) {
        Phonenumber.PhoneNumber international = InternationalForm.read(raw);
        if (international != null) {
            String region = UTIL.getRegionCodeForNumber(international);
            if (UTIL.isValidNumberForRegion(international, region)) {
                return new Normalized(
                        UTIL.format(international, PhoneNumberUtil.PhoneNumberFormat.E164),
                        region,
                        CountryTimeZones.of(region));
            }
        }
        return normalizeByParsing(raw, country);
    }

    /** {@link #normalize} through libphonenumber's parser alone (the reference the shortcut is tested against). */
    Normalized normalizeByParsing(String raw) {
        return normalizeByParsing(raw, null);
    }

    private Normalized normalizeByParsing(String raw, String country) {
        boolean byCountry = country != null && UTIL.getSupportedRegions().contains(country);
        String region = byCountry ? country : defaultRegion;
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("phone number is empty");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(raw, region);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(problem(raw, region, byCountry));
        }
        // isValidNumber(n) is isValidNumberForRegion(n, getRegionCodeForNumber(n)): asking for the region once
        // instead of twice saves a round of metadata pattern matching per number (bulk imports normalise millions).
        String numberRegion = UTIL.getRegionCodeForNumber(number);
        if (!UTIL.isValidNumberForRegion(number, numberRegion)) {
            throw new InvalidPhoneNumberException(problem(raw, region, byCountry));
        }
        return new Normalized(
                UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                numberRegion,
                CountryTimeZones.of(numberRegion));
    }

    private static String problem(String raw, String region, boolean byCountry) {
        return PhoneProblems.of(
                raw, region, byCountry ? "the customer's country" : "no country given: comeback.phone.default-region");
    }

    public static class InvalidPhoneNumberException extends RuntimeException {
        public InvalidPhoneNumberException(String message) {
            super(message);
        }
    }
}
