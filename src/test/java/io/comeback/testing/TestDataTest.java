package io.comeback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test data is what the tests take it for: valid mobile numbers and ids, never handed out twice. */
class TestDataTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void phoneNumbersAreValidMobilesOfTheirCountry() throws NumberParseException {
        for (String phone : List.of(
                TestData.norwegianMobile(),
                TestData.swedishMobile(),
                TestData.finnishMobile(),
                TestData.icelandicMobile())) {
            Phonenumber.PhoneNumber parsed = PHONES.parse(phone, null);
            assertThat(PHONES.isValidNumber(parsed)).as(phone).isTrue();
            assertThat(PHONES.getNumberType(parsed)).as(phone).isEqualTo(PhoneNumberUtil.PhoneNumberType.MOBILE);
            assertThat(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))
                    .isEqualTo(phone);
        }
        assertThat(PHONES.getRegionCodeForNumber(PHONES.parse(TestData.norwegianMobile(), null)))
                .isEqualTo("NO");
        assertThat(PHONES.getRegionCodeForNumber(PHONES.parse(TestData.swedishMobile(), null)))
                .isEqualTo("SE");
        assertThat(PHONES.getRegionCodeForNumber(PHONES.parse(TestData.finnishMobile(), null)))
                .isEqualTo("FI");
        assertThat(PHONES.getRegionCodeForNumber(PHONES.parse(TestData.icelandicMobile(), null)))
                .isEqualTo("IS");
        // Denmark does not tell mobiles from fixed lines.
        Phonenumber.PhoneNumber danish = PHONES.parse(TestData.danishNumber(), null);
        assertThat(PHONES.isValidNumber(danish)).isTrue();
        assertThat(PHONES.getRegionCodeForNumber(danish)).isEqualTo("DK");
    }

    @Test
    void idsHaveTheirShape() {
        assertThat(TestData.id("kari")).matches("kari-[0-9a-z]{10,}");
        assertThat(TestData.messageSid()).matches("SM[0-9a-f]{32}");
        assertThat(TestData.letters()).matches("[a-z]{11,}");
    }

    @Test
    void noValueIsHandedOutTwiceNotEvenToTheClassLoadedAgainForAnotherTestProfile() throws Exception {
        Set<String> seen = new HashSet<>();
        List<Supplier<String>> kinds =
                List.of(TestData::norwegianMobile, () -> TestData.id("c"), TestData::messageSid, TestData::letters);
        for (int i = 0; i < 50; i++) {
            for (Supplier<String> kind : kinds) {
                assertThat(seen.add(kind.get())).isTrue();
            }
        }
        // Quarkus loads test classes again per test profile: a second copy of the class continues the same count.
        URL classes = TestData.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {classes}, null)) {
            Class<?> copy = other.loadClass(TestData.class.getName());
            assertThat(copy).isNotSameAs(TestData.class);
            for (int i = 0; i < 50; i++) {
                for (String method : List.of("norwegianMobile", "messageSid", "letters")) {
                    assertThat(seen.add((String) copy.getMethod(method).invoke(null)))
                            .isTrue();
                }
                assertThat(seen.add((String) copy.getMethod("id", String.class).invoke(null, "c")))
                        .isTrue();
            }
        }
        assertThat(Stream.of("+4791234567", "+4790000000", "+46701234567")).noneMatch(seen::contains);
    }
}
