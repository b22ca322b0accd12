package io.comeback.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.text.LinkShape;
import io.comeback.engine.validate.CampaignValidator;
import io.comeback.enrollment.CampaignPreview;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preview pane's words: the holdout and A/B shares, the spread schedule, money with its currency. */
class CampaignPreviewViewTest {

    private static final Formats FORMATS = new Formats(() -> "Europe/Oslo", "NOK");

    private static Campaign campaign(String yaml) {
        return new CampaignValidator(LinkShape.UNTRACKED)
                .validate(yaml)
                .campaign()
                .orElseThrow();
    }

    @Test
    void anAbTestShowsTheHoldoutEachVariantsShareAndTheRest() {
        Campaign ab = campaign("""
                id: ab
                holdout_percent: 10
                variants:
                  test_percent: 40
                  decide_after: PT3H
                  texts:
                    - id: a
                      send:
                        text: "A: 10 % i dag. Svar STOPP for å melde deg av."
                    - id: b
                      send:
                        text: "B: gratis frakt. Svar STOPP for å melde deg av."
                schedule:
                  spread:
                    from: "10:00"
                    until: "14:00"
                """);
        var preview = new CampaignPreview.Preview(
                100, 10, Map.of("a", 18L, "b", 18L), 54, List.of(), List.of(), List.of(), new BigDecimal("4.5"), "EUR");
        CampaignPreviewView view = CampaignPreviewView.of(ab, preview, FORMATS);
        assertThat(view.textsShown()).isEqualTo("90");
        assertThat(view.shares())
                .extracting(
                        CampaignPreviewView.Share::who,
                        CampaignPreviewView.Share::share,
                        CampaignPreviewView.Share::recipients)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Held out (get nothing; the baseline for lift)", "10 %", "10"),
                        org.assertj.core.groups.Tuple.tuple("Variant a (test share)", "18.0 %", "18"),
                        org.assertj.core.groups.Tuple.tuple("Variant b (test share)", "18.0 %", "18"),
                        org.assertj.core.groups.Tuple.tuple(
                                "The rest: the variant that converts best, chosen PT3H after the first text",
                                "54.0 %",
                                "54"));
        assertThat(view.schedule()).contains("spread evenly between 10:00 and 14:00 in each recipient's own time zone");
        assertThat(view.totalCost()).isEqualTo("EUR 4.50");
    }
}
