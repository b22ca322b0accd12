package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.parse.FlowParser;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFM scores as variables: in audience conditions and in texts. */
class RfmVariablesTest {

    private static final String FLOW = """
            id: loyal
            trigger: customer_created
            entry:
              audience:
                - field: customer.rfm.recency
                  at_least: 4
                - field: customer.rfm.monetary
                  above: 3
            steps:
              - id: thanks
                send:
                  text: "Takk! Du er en av våre beste kunder ({{ customer.rfm.score | ny }}). Svar STOPP for å melde deg av."
            """;

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final FlowInterpreter interpreter = new FlowInterpreter(CouponCodes.deterministic(), Map.of());

    @Test
    void theVariablesValidate() {
        ValidationResult result = new FlowValidator().validate(FLOW);
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void audienceConditionsCompareTheScoresAsNumbers() {
        Flow flow = flow();
        assertThat(interpreter.admits(flow, customer(new RfmScores(5, 1, 4)), Map.of(), NOW))
                .isTrue();
        assertThat(interpreter.admits(flow, customer(new RfmScores(4, 5, 5)), Map.of(), NOW))
                .isTrue();
        assertThat(interpreter.admits(flow, customer(new RfmScores(3, 5, 5)), Map.of(), NOW))
                .as("recency 3")
                .isFalse();
        assertThat(interpreter.admits(flow, customer(new RfmScores(5, 5, 3)), Map.of(), NOW))
                .as("monetary 3")
                .isFalse();
        assertThat(interpreter.admits(flow, customer(null), Map.of(), NOW))
                .as("never ordered")
                .isFalse();
    }

    @Test
    void theCodeFillsTexts() {
        Flow flow = flow();
        EnrollmentState state = EnrollmentState.enroll(flow.id(), flow.version(), NOW);
        List<Decision> decisions = interpreter
                .interpret(flow, state, FlowEvent.Started.plain(), NOW, customer(new RfmScores(5, 2, 4)))
                .decisions();
        assertThat(decisions)
                .filteredOn(Decision.Send.class::isInstance)
                .map(d -> ((Decision.Send) d).text())
                .containsExactly("Takk! Du er en av våre beste kunder (524). Svar STOPP for å melde deg av.");
    }

    @Test
    void scoresOutsideOneToFiveAreRefused() {
        assertThatThrownBy(() -> new RfmScores(0, 3, 3)).hasMessageContaining("recency");
        assertThatThrownBy(() -> new RfmScores(3, 3, 6)).hasMessageContaining("monetary");
    }

    private static Flow flow() {
        return new FlowParser().parse(FLOW).flow().orElseThrow();
    }

    private static CustomerView customer(RfmScores rfm) {
        return TestFlows.customer("nb-NO", "Europe/Oslo", ConsentStatus.OPTED_IN, rfm);
    }
}
