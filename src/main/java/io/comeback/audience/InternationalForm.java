package io.comeback.audience;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads numbers written in international form ({@code +4791234567}, {@code +47 912 34 567}) without
 * libphonenumber's general parser, whose pattern matching (extensions, punctuation, letters, prefixes) costs
 * three quarters of normalising a number, i.e. most of a CSV import's per-row work.
 *
 * <p>Only text the parser would read the same way is taken: a '+', then ASCII digits and spaces, ending in a
 * digit. For such text the parser keeps the digits, takes the country calling code from the first one to three
 * of them, and then may strip a national prefix — which this class avoids deciding by taking only calling
 * codes whose region has no national prefix to strip (Norway, Sweden… not the UK or Germany), and no national
 * number starting with 0 (the parser's "Italian leading zero"). Anything else returns null and goes to the
 * parser; so does a number found invalid, so error messages stay the parser's. {@code PhoneNumbersTest}
 * compares both ways on random numbers of every calling code.
 */
final class InternationalForm {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MIN_NATIONAL_LENGTH = 2;
    private static final int MAX_NATIONAL_LENGTH = 17;
    /** Calling codes whose main region has no national prefix for parsing (none when the metadata cannot be read). */
    private static final Set<Integer> WITHOUT_NATIONAL_PREFIX = callingCodesWithoutNationalPrefix();

    private InternationalForm() {}

    /** The number, or null when the text is not plainly international or the parser must decide. */
    static Phonenumber.PhoneNumber read(String raw) {
        if (raw == null
                || raw.length() < 4
                || raw.length() > 250
                || raw.charAt(0) != '+'
                || !isDigit(raw.charAt(raw.length() - 1))) {
            return null;
        }
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isDigit(c)) {
                digits.append(c);
            } else if (c != ' ') {
                return null;
            }
        }
        if (digits.length() <= 2 || digits.charAt(0) == '0') {
            return null;
        }
        for (int length = 1; length <= 3; length++) {
            int code = Integer.parseInt(digits, 0, length, 10);
            if (UTIL.getSupportedCallingCodes().contains(code)) {
                // The parser takes the shortest prefix that is a calling code; so does this loop.
                return WITHOUT_NATIONAL_PREFIX.contains(code) ? number(code, digits.substring(length)) : null;
            }
        }
        return null;
    }

    private static Phonenumber.PhoneNumber number(int callingCode, String national) {
        if (national.length() < MIN_NATIONAL_LENGTH
                || national.length() > MAX_NATIONAL_LENGTH
                || national.charAt(0) == '0') {
            return null;
        }
        return new Phonenumber.PhoneNumber().setCountryCode(callingCode).setNationalNumber(Long.parseLong(national));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Set<Integer> callingCodesWithoutNationalPrefix() {
        try {
            // Package-private in libphonenumber; read once. Without it, no number takes the shortcut.
            Method metadataFor = PhoneNumberUtil.class.getDeclaredMethod("getMetadataForRegion", String.class);
            metadataFor.setAccessible(true);
            Set<Integer> codes = new HashSet<>();
            for (int code : UTIL.getSupportedCallingCodes()) {
                String region = UTIL.getRegionCodeForCountryCode(code);
                if (!UTIL.getSupportedRegions().contains(region)) {
                    continue; // non-geographic codes (+800…) are read with other metadata
                }
                Phonemetadata.PhoneMetadata metadata = (Phonemetadata.PhoneMetadata) metadataFor.invoke(UTIL, region);
                if (metadata != null && metadata.getNationalPrefixForParsing().isEmpty()) {
                    codes.add(code);
                }
            }
            return Set.copyOf(codes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Set.of();
        }
    }

    /** For tests: the calling codes that take the shortcut. */
    static Set<Integer> shortcutCallingCodes() {
        return WITHOUT_NATIONAL_PREFIX;
    }
}
