package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Wait;
import io.comeback.engine.text.LinkShape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A campaign file becomes its flow, and its problems are reported at their lines in the campaign file. */
class CampaignValidatorTest {

    private final CampaignValidator validator = new CampaignValidator(LinkShape.UNTRACKED);

    @Test
    void theShippedExampleIsValidAndCompilesToSendThenWait() throws Exception {
        CampaignValidator.Result result =
                validator.validate(Files.readString(Path.of("flows/campaigns/vip-offer.yaml")));
        assertThat(result.problems()).filteredOn(Problem::isError).isEmpty();
        Campaign campaign = result.campaign().orElseThrow();
        assertThat(campaign.flow().id()).isEqualTo("campaign.vip-offer");
        assertThat(campaign.flow().trigger()).isInstanceOf(Trigger.EventTrigger.class);
        assertThat(campaign.flow().entry().holdoutPercent()).isEqualTo(10);
        assertThat(campaign.flow().steps()).hasSize(2);
        assertThat(campaign.flow().steps().get(0)).isInstanceOf(Send.class);
        assertThat(((Send) campaign.flow().steps().get(0)).coupon()).isPresent();
        assertThat(campaign.flow().steps().get(1)).isInstanceOf(Wait.class);
        assertThat(((Send) campaign.flow().steps().get(0)).text().variants()).containsOnlyKeys("nb", "da", "sv", "en");
        assertThat(campaign.keyword().orElseThrow().words()).containsExactly("VIP");
        assertThat(campaign.test()).isEmpty();
    }

    @Test
    void variantsBranchOnTheRecipientsVariant() {
        Campaign campaign = validator.validate("""
                        id: ab
                        variants:
                          test_percent: 30
                          decide_after: PT6H
                          texts:
                            - id: a
                              send: { text: "A. Svar STOPP for å melde deg av." }
                            - id: b
                              send: { text: "B. Svar STOPP for å melde deg av." }
                        """).campaign().orElseThrow();
        assertThat(campaign.variants()).containsExactly("a", "b");
        assertThat(campaign.test().orElseThrow().percent()).isEqualTo(30);
        Branch branch = (Branch) campaign.flow().steps().get(0);
        assertThat(branch.cases()).hasSize(1);
        assertThat(branch.cases().get(0).target().stepId()).isEqualTo("b");
        assertThat(branch.otherwise().orElseThrow().stepId()).isEqualTo("a");
    }

    @Test
    void problemsAreAtTheirLinesInTheCampaignFile() {
        CampaignValidator.Result result = validator.validate("""
                id: bad
                audience:
                  - field: customer.facts.orderCount
                    at_least: 3
                send:
                  text: "Hei {{ customer.first_name }}!"
                schedule:
                  at: "07:30"
                variants:
                  texts: []
                """);
        assertThat(result.isValid()).isFalse();
        assertThat(result.problems())
                .filteredOn(Problem::isError)
                .extracting(Problem::line)
                .contains(3, 6, 8, 9);
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p.message()).contains("ordersCount"))
                .anySatisfy(p -> assertThat(p.message()).contains("08:00 to 21:00"))
                .anySatisfy(p -> assertThat(p.message()).contains("either `send`"));
    }

    @Test
    void aMarketingTextWithoutOptOutHintIsWarnedAboutAsInAFlow() {
        CampaignValidator.Result result = validator.validate("""
                id: hint
                send:
                  text: "Salg i dag!"
                schedule:
                  spread: { from: "10:00", until: "12:00" }
                """);
        assertThat(result.isValid()).isTrue();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("opt out");
        });
    }
}
