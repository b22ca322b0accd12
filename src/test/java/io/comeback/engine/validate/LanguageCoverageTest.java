package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which languages a flow's readers lack, and what they get instead: the runtime's own choice of text. */
class LanguageCoverageTest {

    private static final Flow NB_EN_THEN_NB_SV =
            new FlowValidator().validate("""
                    id: lang
                    settings:
                      kind: marketing
                      default_locale: en
                    trigger: customer_created
                    steps:
                      - id: hello
                        send:
                          text:
                            nb: "Hei! Svar STOPP for å melde deg av."
                            en: "Hi! Reply STOP to opt out."
                      - id: again
                        send:
                          text:
                            nb: "Hei igjen! Svar STOPP for å melde deg av."
                            sv: "Hej igen! Svara STOPP för att avregistrera dig."
                            en: "Hi again! Reply STOP to opt out."
                    """).flow().orElseThrow();

    @Test
    void aLanguageMissingFromSomeTextsNamesThoseStepsAndTheFamilyLanguageItsReadersGet() {
        assertThat(LanguageCoverage.gaps(NB_EN_THEN_NB_SV, List.of("sv-SE")))
                .singleElement()
                .satisfies(gap -> {
                    assertThat(gap.language()).isEqualTo("sv");
                    assertThat(gap.steps()).containsExactly("hello");
                    assertThat(gap.everyText()).isFalse();
                    // A Swede reads Norwegian before the English default.
                    assertThat(gap.fallback()).containsExactly("nb");
                    assertThat(gap.lacking()).isEqualTo("step hello has no sv text: they get nb there");
                    assertThat(gap.warning(0.123))
                            .isEqualTo("12 % of customers who can enter read Swedish (sv); step hello has no sv text:"
                                    + " they get nb there");
                });
    }

    @Test
    void aLanguageNoTextHasFallsBackAsAtRuntimeAndTheSameLanguageUnderAnotherTagIsNoGap() {
        List<LanguageCoverage.Gap> gaps =
                LanguageCoverage.gaps(NB_EN_THEN_NB_SV, List.of("nb", "nn", "no-NO", "en", "da", "fi", " "));
        assertThat(gaps).extracting(LanguageCoverage.Gap::language).containsExactly("da", "fi");
        assertThat(gaps.get(0).lacking()).isEqualTo("this flow has no da text: they get nb");
        // Finnish has no neighbour: the flow's default.
        assertThat(gaps.get(1).lacking()).isEqualTo("this flow has no fi text: they get en");
    }
}
