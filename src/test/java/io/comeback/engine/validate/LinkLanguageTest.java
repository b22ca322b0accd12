package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.text.LinkShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Links, referral variables and {@code trigger: referral_converted} as the validator reads them, and segment counts
 * that measure a link as it is sent: the service's short link when links are tracked.
 */
class LinkLanguageTest {

    private static String flow(String trigger, String entry, String settings, String text) {
        return "id: t\nsettings:\n  kind: marketing\n" + settings + "trigger: " + trigger + "\n" + entry
                + "links:\n  s: https://s.no\nsteps:\n  - id: hello\n    send:\n      text: \"" + text + "\"\n";
    }

    private static List<Problem> problems(FlowValidator validator, String source) {
        return validator.validate(source).problems();
    }

    @Test
    void referralConvertedIsATriggerWhoseFlowsKnowTheReferredFriend() {
        ValidationResult result = new FlowValidator()
                .validate(flow(
                        "referral_converted",
                        "entry:\n  re_entry: always\n",
                        "",
                        "Takk! {{ referred.firstName | Vennen din }} handlet. Svar STOPP for å melde deg av."));
        assertThat(result.problems()).isEmpty();
        assertThat(result.flow().orElseThrow().trigger()).isInstanceOf(Trigger.ReferralConverted.class);
    }

    @Test
    void rewardingOnlyTheFirstFriendIsWarnedAbout() {
        List<Problem> problems = problems(
                new FlowValidator(), flow("referral_converted", "", "", "Takk! Svar STOPP for å melde deg av."));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.path()).isEqualTo("entry.re_entry");
            assertThat(p.message()).contains("re_entry: always");
        });
    }

    @Test
    void theReferredFriendIsUnknownOutsideReferralFlowsAndReferralCodesAreKnownEverywhere() {
        List<Problem> problems = problems(
                new FlowValidator(),
                flow(
                        "customer_created",
                        "",
                        "",
                        "{{ referred.firstName }} {{ referral.code }} {{ referral.link }} Svar STOPP for å melde deg av."));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.message())
                    .contains("`referred.firstName` has no value here")
                    .contains("referral_converted");
        });
    }

    @Test
    void segmentsAreCountedWithTheShortLinkAsSent() {
        // 126 fixed characters, a 12-character address: 138 as written, 165 as a short link of 39 characters.
        String words = "Hei! Denne uken har vi gode tilbud på alt av sko og klær i butikken vår, se mer på "
                + "{{ link.s }} og svar STOPP for å melde deg av nå, takk.";
        String source = flow("customer_created", "", "  max_segments: 1\n", words);

        assertThat(problems(new FlowValidator(), source)).isEmpty();
        assertThat(problems(new FlowValidator(LinkShape.on("https://go.comeback.test")), source))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.severity()).isEqualTo(Severity.WARNING);
                    assertThat(p.message()).contains("about 2 SMS segments").contains("more than max_segments 1");
                });
    }
}
