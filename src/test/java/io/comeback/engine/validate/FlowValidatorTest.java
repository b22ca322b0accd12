package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Meaning checks on small inline flows, one concern each. */
class FlowValidatorTest {

    private final FlowValidator validator = new FlowValidator();

    private static String flow(String settings, String steps) {
        return "id: t\nsettings:\n  kind: transactional\n" + settings + "trigger: customer_created\nsteps:\n" + steps;
    }

    private List<Problem> problems(String yaml) {
        return validator.validate(yaml).problems();
    }

    @Test
    void overlappingScoreRoutesAreWarned() {
        List<Problem> problems = problems(flow("", """
                  - id: ask
                    send: { text: "Fra 0 til 10?" }
                  - id: answer
                    wait_for_reply:
                      timeout: P1D
                      nps:
                        - { scores: 0-6, goto: low }
                        - { scores: 5-10, goto: high }
                  - id: low
                    exit: low
                  - id: high
                    exit: high
                """));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("Scores 5-6 already go to an earlier route");
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.path()).isEqualTo("steps[1].wait_for_reply.nps[1]");
        });
    }

    @Test
    void reAskWithoutRoutesIsNeverSent() {
        List<Problem> problems = problems(flow("", """
                  - id: ask
                    send: { text: "Hva synes du?" }
                  - id: answer
                    wait_for_reply:
                      timeout: P1D
                      re_ask: { text: "Igjen?" }
                """));
        assertThat(problems)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("`re_ask` is never sent"));
    }

    @Test
    void replyVariablesAreFineAfterAWaitForReply() {
        assertThat(problems(flow("", """
                  - id: ask
                    send: { text: "Hva heter katten din?" }
                  - id: answer
                    wait_for_reply: { timeout: P1D }
                  - id: store
                    set: { attribute: cat, from: "{{ reply.text }}" }
                  - id: thanks
                    send: { text: "Hils {{ customer.attributes.cat }}! Du svarte {{ reply.text }}." }
                """))).isEmpty();
    }

    @Test
    void setFromAnUnknownVariableIsAnError() {
        assertThat(problems(flow("", """
                  - id: hello
                    send: { text: "Hei" }
                  - id: store
                    set: { attribute: cat, from: reply.txt }
                """)))
                .filteredOn(Problem::isError)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Did you mean `reply.text`?"));
    }

    @Test
    void waitUntilInsideQuietHoursIsWarned() {
        assertThat(problems(flow("", """
                  - id: late
                    wait: { until: "23:00" }
                  - id: hello
                    send: { text: "Hei" }
                """)))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("inside the quiet hours"));
    }

    @Test
    void couponInTransactionalFlowIsWarned() {
        assertThat(problems(flow("", """
                  - id: hello
                    send:
                      text: "Kode {{ coupon.code }}"
                      coupon: { prefix: HI }
                """)))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("offers are marketing"));
    }

    @Test
    void couponUsedBeforeItIsIssuedIsWarned() {
        assertThat(problems(flow("", """
                  - id: early
                    send: { text: "Snart kommer {{ coupon.code }}" }
                  - id: offer
                    send:
                      text: "Kode {{ coupon.code }}"
                      coupon: { prefix: HI }
                """)))
                .filteredOn(p -> p.message().contains("may be empty here"))
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(7));
    }

    @Test
    void aMissingLanguageNamesTheTextThoseCustomersGetInstead() {
        List<Problem> problems = problems(flow("  default_locale: en\n", """
                  - id: one
                    send: { text: { en: "Hello", nb: "Hei", da: "Hej" } }
                  - id: two
                    send: { text: { en: "Bye", nb: "Ha det" } }
                """));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message())
                    .as("a Dane reads the Norwegian text, not the English default")
                    .contains("No `da` text here")
                    .contains("those customers get the nb text");
        });
    }

    @Test
    void finnishAndIcelandicMarketingTextsMayTellTheirOwnOptOutWord() {
        String yaml = """
                id: t
                trigger: customer_created
                settings: { default_locale: fi }
                steps:
                  - id: hello
                    send:
                      text:
                        fi: "Tervetuloa! Vastaa LOPETA, niin et saa enää viestejä."
                        is: "Velkomin! Svaraðu HÆTTA til að afskrá þig."
                  - id: again
                    send: { text: { fi: "Tervetuloa!", is: "Halló! Svaraðu STOPP til að hætta." } }
                """;
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("steps[1].send.text.fi");
            assertThat(p.message()).contains("Vastaa LOPETA");
        });
    }

    @Test
    void rhythmWithoutFixedWindowIsExplained() {
        String yaml = """
                id: t
                trigger:
                  inactive: { rhythm_factor: 2 }
                steps:
                  - id: hello
                    send: { text: "Vi savner deg. Svar STOPP for å melde deg av." }
                """;
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.INFO);
            assertThat(p.message()).contains("no_purchase_for");
        });
    }

    @Test
    void inactiveNeedsACriterion() {
        String yaml = "id: t\ntrigger: inactive\nsteps:\n  - id: x\n    send: { text: \"Hei. Svar STOPP\" }\n";
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("Say when a customer counts as inactive");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(10);
        });
    }

    @Test
    void aValidFlowIsHandedOutAndAnInvalidOneIsNot() {
        ValidationResult ok = validator.validate(flow("", "  - id: hello\n    send: { text: \"Hei\" }\n"));
        assertThat(ok.isValid()).isTrue();
        assertThat(ok.flow()).isPresent();
        ValidationResult bad =
                validator.validate(flow("", "  - id: hello\n    send: { text: \"Hei\" }\n    next: nowhere\n"));
        assertThat(bad.isValid()).isFalse();
        assertThat(bad.flow()).isEmpty();
        assertThat(bad.errors()).hasSize(1);
    }
}
