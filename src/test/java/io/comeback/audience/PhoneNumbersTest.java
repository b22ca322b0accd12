package io.comeback.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut for numbers in international form must normalise (or refuse) exactly as libphonenumber's parser. */
class PhoneNumbersTest {

    private final PhoneNumbers phones = new PhoneNumbers("NO");

    @Test
    void theShortcutAgreesWithTheParserOnRandomNumbersOfEveryCallingCode() {
        Random random = new Random(20261123);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<Integer> codes = new ArrayList<>(util.getSupportedCallingCodes());
        List<String> examples = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                var example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    examples.add(util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164));
                }
            }
        }
        int shortcuts = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text;
            int length;
            if (random.nextBoolean()) {
                // A valid example with its last digits replaced and maybe some added or cut: many stay valid.
                String example = examples.get(random.nextInt(examples.size()));
                text = new StringBuilder(example.substring(0, Math.max(2, example.length() - 1 - random.nextInt(5))));
                length = random.nextInt(7);
            } else {
                text = new StringBuilder("+").append(codes.get(random.nextInt(codes.size())));
                length = 1 + random.nextInt(16);
            }
            for (int d = 0; d < length; d++) {
                if (random.nextInt(5) == 0) {
                    text.append(' ');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            String raw = text.toString();
            String byParsing = outcome(() -> phones.normalizeByParsing(raw));
            if (InternationalForm.read(raw) != null && !byParsing.startsWith("invalid")) {
                shortcuts++;
            }
            assertEquals(byParsing, outcome(() -> phones.normalize(raw)), raw);
        }
        assertTrue(shortcuts > 2_000, "the shortcut was taken " + shortcuts + " times");
    }

    @Test
    void theShortcutAgreesOnValidExampleNumbersOfEveryRegion() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        int shortcuts = 0;
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                var example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (String raw : List.of(
                        util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164),
                        util.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL))) {
                    if (InternationalForm.read(raw) != null) {
                        shortcuts++;
                    }
                    assertEquals(
                            outcome(() -> phones.normalizeByParsing(raw)), outcome(() -> phones.normalize(raw)), raw);
                }
            }
        }
        assertTrue(shortcuts > 500, "the shortcut was taken " + shortcuts + " times");
    }

    @Test
    void onlyPlainInternationalTextTakesTheShortcut() {
        assertTrue(InternationalForm.shortcutCallingCodes().contains(47), "Norway has no national prefix");
        assertTrue(!InternationalForm.shortcutCallingCodes().contains(44), "the UK has one (0)");
        assertNotNull(InternationalForm.read("+47 912 34 567"));
        assertNotNull(InternationalForm.read("+4791234567"));
        for (String raw : List.of(
                "912 34 567",
                "004791234567",
                "+47-912-34-567",
                "+47 912 34 567 ext 2",
                " +4791234567",
                "+4791234567 ",
                "+44 7400 123456",
                "+47",
                "+0 12345",
                "+47 0912 34 567",
                "+47 ９12 34 567")) {
            assertNull(InternationalForm.read(raw), raw);
        }
        assertEquals("+4791234567", phones.normalize("+47 912 34 567").e164());
        assertEquals("+4791234567", phones.normalize("912 34 567").e164());
        assertEquals("+4791234567", phones.normalize("004791234567").e164());
    }

    private static String outcome(java.util.function.Supplier<PhoneNumbers.Normalized> normalize) {
        try {
            return normalize.get().toString();
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            return "invalid: " + e.getMessage();
        }
    }

    @Test
    void aNumberWithoutCountryCodeIsReadInTheCustomersCountryBeforeTheDefaultRegion() {
        assertEquals("+46701234567", phones.normalize("070-123 45 67", "SE").e164());
        assertEquals("SE", phones.normalize("070-123 45 67", "SE").region());
        assertEquals("+4532123456", phones.normalize("32 12 34 56", "DK").e164());
        assertEquals("+4732123456", phones.normalize("32 12 34 56").e164());
        assertEquals("+358412345678", phones.normalize("041 2345678", "FI").e164());
        // A country code in the number wins over the customer's country.
        assertEquals("+4791234567", phones.normalize("+47 912 34 567", "SE").e164());
        assertEquals("+4791234567", phones.normalize("0047 912 34 567", "SE").e164());
    }

    @Test
    void whoWroteTheCountryCodeIsToldWhatIsWrongWithTheDigitsAfterIt() {
        String tooShort = outcome(() -> phones.normalize("+45 12 34", "SE"));
        // The example is libphonenumber's and may change with its metadata.
        assertTrue(
                tooShort.matches(
                        "invalid: '\\+45 12 34' is too short for Denmark \\(DK\\): 8 digits after \\+45, not 4;"
                                + " a mobile number there looks like \\+45( \\d\\d){4}"),
                tooShort);
        String tooLong = outcome(() -> phones.normalize("+46 70 123 45 67 89 01 23"));
        assertTrue(tooLong.contains("is too long for Sweden (SE)") && tooLong.contains("after +46"), tooLong);
        for (String raw : List.of("+45 12 34", "+46 70 1", "+358 4", "+47 12", "+45 01 23 45 67", "+47 0000 0000")) {
            String message = outcome(() -> phones.normalize(raw));
            assertTrue(message.startsWith("invalid: '" + raw + "'"), message);
            assertTrue(!message.contains("international form"), message);
        }
    }

    @Test
    void whoWroteNoCountryCodeIsToldWhichCountryTheNumberWasReadIn() {
        String bySweden = outcome(() -> phones.normalize("070 12", "SE"));
        assertTrue(
                bySweden.contains("is too short for Sweden (SE), the country it is read in (the customer's country)"),
                bySweden);
        assertTrue(bySweden.contains("070-"), bySweden);
        String byDefault = outcome(() -> phones.normalize("12"));
        assertTrue(byDefault.contains("Norway (NO)") && byDefault.contains("comeback.phone.default-region"), byDefault);
    }
}
