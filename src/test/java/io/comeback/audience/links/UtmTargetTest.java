package io.comeback.audience.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UtmTargetTest {

    private static final Map<String, String> UTM = UtmTarget.parameters("sms", "sms", "winback", "offer");

    @Test
    void addsUtmParametersAfterTheTargetsOwnAndBeforeItsFragment() {
        assertThat(UtmTarget.of("https://shop.example.com/tilbud", UTM))
                .isEqualTo("https://shop.example.com/tilbud?utm_source=sms&utm_medium=sms&utm_campaign=winback"
                        + "&utm_content=offer");
        assertThat(UtmTarget.of("https://shop.example.com/tilbud?c=sko&size=42#top", UTM))
                .isEqualTo("https://shop.example.com/tilbud?c=sko&size=42&utm_source=sms&utm_medium=sms"
                        + "&utm_campaign=winback&utm_content=offer#top");
        assertThat(UtmTarget.of("https://shop.example.com/?", UTM))
                .startsWith("https://shop.example.com/?utm_source=sms&");
    }

    @Test
    void aUtmParameterInTheTargetWins() {
        assertThat(UtmTarget.of("https://shop.example.com/?utm_campaign=summer&utm%5Fsource=newsletter", UTM))
                .isEqualTo("https://shop.example.com/?utm_campaign=summer&utm%5Fsource=newsletter&utm_medium=sms"
                        + "&utm_content=offer");
    }

    @Test
    void valuesAreEncodedAndMissingOnesLeftOut() {
        assertThat(UtmTarget.of("https://s.no", UtmTarget.parameters("sms", "sms", "vår kampanje", null)))
                .isEqualTo("https://s.no?utm_source=sms&utm_medium=sms&utm_campaign=v%C3%A5r+kampanje");
    }
}
