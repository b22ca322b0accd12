package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Flow;
import io.comeback.engine.validate.FlowValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundRoutingTest {

    private static final String KEYWORD_FLOW = """
            id: offer
            settings: { kind: transactional, quiet_hours: none }
            trigger:
              keyword:
                words: [TILBUD, OFFER]
            steps:
              - id: answer
                send:
                  text: "Here is the offer."
            """;

    private final Flow offer = new FlowValidator().validate(KEYWORD_FLOW).flow().orElseThrow();

    @Test
    void aKeywordStartsItsFlowWhateverTheCaseAndPunctuation() {
        assertThat(InboundRouting.keywordFlow(List.of(offer), "tilbud")).contains(offer);
        assertThat(InboundRouting.keywordFlow(List.of(offer), "  Tilbud! takk")).contains(offer);
        assertThat(InboundRouting.keywordFlow(List.of(offer), "OFFER, please")).contains(offer);
    }

    @Test
    void onlyTheFirstWordCounts() {
        assertThat(InboundRouting.keywordFlow(List.of(offer), "har dere tilbud"))
                .isEmpty();
        assertThat(InboundRouting.keywordFlow(List.of(offer), "tilbudet")).isEmpty();
    }
}
