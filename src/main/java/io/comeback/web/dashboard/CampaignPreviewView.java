package io.comeback.web.dashboard;

import io.comeback.engine.model.Campaign;
import io.comeback.enrollment.CampaignPreview;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * What the composer's preview pane shows: who (the count, and a sample with the reasons they are in), what each text
 * is in segments per language, what it costs per country, when it leaves (in words) and how the audience splits
 * between holdout and variants. Figures are written out for the page.
 */
@TemplateData
public record CampaignPreviewView(
        String audience,
        String heldOut,
        long texts,
        String textsShown,
        int holdoutPercent,
        String schedule,
        List<String> reasons,
        List<Share> shares,
        List<SampleRow> sample,
        List<TextRow> segments,
        List<CountryRow> countries,
        String totalCost,
        String currency) {

    @TemplateData
    public record Share(String who, String share, String recipients) {}

    @TemplateData
    public record SampleRow(
            String customerId, String timeZone, String localTime, String shopTime, String variant, String language) {}

    @TemplateData
    public record TextRow(String variant, String language, int segments, String encoding, String recipients) {}

    @TemplateData
    public record CountryRow(String country, String recipients, String segments, String price, String cost) {}

    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static CampaignPreviewView of(Campaign campaign, CampaignPreview.Preview p, Formats formats) {
        int holdout = campaign.flow().entry().holdoutPercent();
        long texts = p.audience() - p.heldOut();
        List<Share> shares = new ArrayList<>();
        if (holdout > 0) {
            shares.add(new Share(
                    "Held out (get nothing; the baseline for lift)", holdout + " %", Formats.count(p.heldOut())));
        }
        if (campaign.isAbTest()) {
            // The test share is drawn from those not held out, split equally; shares here are of the whole audience.
            int test = campaign.test().orElseThrow().percent();
            double treated = 100 - holdout;
            String each =
                    Formats.decimal(treated * test / 100 / campaign.variants().size(), 1) + " %";
            campaign.variants()
                    .forEach(v -> shares.add(new Share(
                            "Variant " + v + " (test share)",
                            each,
                            Formats.count(p.byVariant().getOrDefault(v, 0L)))));
            shares.add(new Share(
                    "The rest: the variant that converts best, chosen "
                            + campaign.test().orElseThrow().decideAfter() + " after the first text",
                    Formats.decimal(treated * (100 - test) / 100, 1) + " %",
                    Formats.count(p.laterWithWinner())));
        } else {
            shares.add(new Share("Texted", (100 - holdout) + " %", Formats.count(texts)));
        }
        List<String> reasons =
                p.sample().isEmpty() ? List.of() : p.sample().get(0).reasons();
        return new CampaignPreviewView(
                Formats.count(p.audience()),
                Formats.count(p.heldOut()),
                texts,
                Formats.count(texts),
                holdout,
                CampaignScheduleWords.of(campaign.schedule()),
                reasons,
                shares,
                p.sample().stream()
                        .map(r -> new SampleRow(
                                r.customerId(),
                                r.timeZone(),
                                r.sendAt() == null
                                        ? Formats.NONE
                                        : LOCAL.format(r.sendAt().atZone(java.time.ZoneId.of(r.timeZone()))),
                                formats.time(r.sendAt()),
                                r.variant(),
                                r.language() == null ? Formats.NONE : r.language()))
                        .toList(),
                p.texts().stream()
                        .map(t -> new TextRow(
                                t.variant(), t.language(), t.segments(), t.encoding(), Formats.count(t.recipients())))
                        .toList(),
                p.countries().stream()
                        .map(c -> new CountryRow(
                                c.country(),
                                Formats.count(c.recipients()),
                                Formats.count(c.segments()),
                                c.pricePerSegment().toPlainString() + " " + p.currency(),
                                Formats.amount(c.cost(), p.currency())))
                        .toList(),
                Formats.amount(p.estimatedCost(), p.currency()),
                p.currency());
    }
}
