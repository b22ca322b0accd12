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
        return normalizeByParsing(raw);
    }

    /** {@link #normalize} through libphonenumber's parser alone (the reference the shortcut is tested against). */
    Normalized normalizeByParsing(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("phone number is empty");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("'" + raw + "' is not a phone number (" + reason(e) + ")");
        }
        // isValidNumber(n) is isValidNumberForRegion(n, getRegionCodeForNumber(n)): asking for the region once
        // instead of twice saves a round of metadata pattern matching per number (bulk imports normalise millions).
        String region = UTIL.getRegionCodeForNumber(number);
        if (!UTIL.isValidNumberForRegion(number, region)) {
            throw new InvalidPhoneNumberException("'" + raw + "' is not a valid phone number for region "
                    + regionOf(number) + "; write it in international form, e.g. +47 912 34 567");
        }
        return new Normalized(
                UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), region, CountryTimeZones.of(region));
    }

    private String regionOf(Phonenumber.PhoneNumber number) {
        String region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
        return "ZZ".equals(region) ? "+" + number.getCountryCode() : region;
    }

    private static String reason(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case NOT_A_NUMBER -> "not a number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }

    public static class InvalidPhoneNumberException extends RuntimeException {
        public InvalidPhoneNumberException(String message) {
            super(message);
        }
    }
}
