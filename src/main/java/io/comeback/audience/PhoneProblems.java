package io.comeback.audience;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;

/**
 * What is wrong with a number that does not normalise, said so a person can fix it: the country it was read as,
 * and how many digits that country's numbers have. Someone who wrote the country code ({@code +45 12 34}) is told
 * about the digits after it, never to "write it in international form"; someone who did not is told which country
 * it was read in (the customer's {@code country}, else {@code comeback.phone.default-region}) and how to write it
 * with a country code. Only runs for numbers already found wrong, so its extra parsing costs an import nothing.
 */
final class PhoneProblems {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Method METADATA_FOR_REGION = metadataForRegion();

    private PhoneProblems() {}

    /**
     * @param region the region numbers without a country code are read in
     * @param regionFrom where that region came from, e.g. "the customer's country"
     */
    static String of(String raw, String region, String regionFrom) {
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parseAndKeepRawInput(raw, region);
        } catch (NumberParseException e) {
            return unparsable(raw, e);
        }
        boolean withCountryCode =
                number.getCountryCodeSource() != Phonenumber.PhoneNumber.CountryCodeSource.FROM_DEFAULT_COUNTRY;
        String numberRegion = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
        if (!UTIL.getSupportedRegions().contains(numberRegion)) {
            return "'" + raw + "' is not a valid number for calling code +" + number.getCountryCode();
        }
        String country = name(numberRegion);
        PhoneNumberUtil.ValidationResult length = UTIL.isPossibleNumberWithReason(number);
        String what = switch (length) {
            case TOO_SHORT -> "is too short for " + country;
            case TOO_LONG -> "is too long for " + country;
            case INVALID_LENGTH -> "has a length no number of " + country + " has";
            // IS_POSSIBLE(_LOCAL_ONLY): the count is right, some digits are not
            default -> "is not a number in use in " + country;
        };
        String digits = UTIL.getNationalSignificantNumber(number);
        if (withCountryCode) {
            String lengths = lengths(numberRegion);
            String after = "after +" + number.getCountryCode();
            String detail = length == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                            || length == PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY
                            || lengths == null
                    ? ": check the digits " + after
                    : ": " + lengths + " " + after + ", not " + digits.length();
            return "'" + raw + "' " + what + detail
                    + example(numberRegion, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        }
        return "'" + raw + "' " + what + ", the country it is read in (" + regionFrom + ")"
                + example(numberRegion, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                + "; a number of another country needs its country code (+…)";
    }

    private static String unparsable(String raw, NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "'" + raw + "' starts with a country code no country has";
            case NOT_A_NUMBER -> "'" + raw + "' is not a phone number (not a number)";
            case TOO_SHORT_AFTER_IDD -> "'" + raw + "' is too short: the country code must be followed by the number";
            case TOO_SHORT_NSN -> "'" + raw + "' is not a phone number (too short)";
            case TOO_LONG -> "'" + raw + "' is not a phone number (too long)";
        };
    }

    /** "Denmark (DK)". */
    static String name(String region) {
        return new Locale("", region).getDisplayCountry(Locale.ENGLISH) + " (" + region + ")";
    }

    private static String example(String region, PhoneNumberUtil.PhoneNumberFormat format) {
        Phonenumber.PhoneNumber mobile = UTIL.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        return mobile == null ? "" : "; a mobile number there looks like " + UTIL.format(mobile, format);
    }

    /** "8 digits", "9 or 10 digits", "5 to 12 digits": the lengths the region's numbers have, null if unknown. */
    static String lengths(String region) {
        List<Integer> lengths = possibleLengths(region);
        if (lengths.isEmpty()) {
            return null;
        }
        int first = lengths.get(0), last = lengths.get(lengths.size() - 1);
        if (first == last) {
            return first + " digits";
        }
        if (lengths.size() == 2) {
            return first + " or " + last + " digits";
        }
        if (last - first + 1 == lengths.size()) {
            return first + " to " + last + " digits";
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < lengths.size() - 1; i++) {
            list.append(i == 0 ? "" : ", ").append(lengths.get(i));
        }
        return list + " or " + last + " digits";
    }

    private static List<Integer> possibleLengths(String region) {
        if (METADATA_FOR_REGION != null) {
            try {
                Phonemetadata.PhoneMetadata metadata =
                        (Phonemetadata.PhoneMetadata) METADATA_FOR_REGION.invoke(UTIL, region);
                if (metadata != null) {
                    return metadata.getGeneralDesc().getPossibleLengthList().stream()
                            .sorted()
                            .toList();
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to the example number below
            }
        }
        Phonenumber.PhoneNumber mobile = UTIL.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        return mobile == null
                ? List.of()
                : List.of(UTIL.getNationalSignificantNumber(mobile).length());
    }

    private static Method metadataForRegion() {
        try {
            // Package-private in libphonenumber, as InternationalForm reads it; without it the example's length says.
            Method method = PhoneNumberUtil.class.getDeclaredMethod("getMetadataForRegion", String.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
