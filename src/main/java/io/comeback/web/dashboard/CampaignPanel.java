package io.comeback.web.dashboard;

import io.comeback.engine.model.Campaign;
import io.comeback.enrollment.CampaignSources;
import io.comeback.flows.CampaignStore;
import io.comeback.web.CampaignViews;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns as the dashboard shows them: a row of the list, and the composer's figures (state, live counts, what
 * each button would do, named in texts) for one campaign.
 */
@ApplicationScoped
public class CampaignPanel {

    @TemplateData
    public record Row(
            String id,
            String name,
            String state,
            String schedule,
            String audience,
            String sent,
            String converted,
            String revenue) {}

    /** The live counts; {@code revenue} carries its currency. */
    @TemplateData
    public record Counts(
            String audience,
            String heldOut,
            String queued,
            String sent,
            String delivered,
            String clicked,
            String converted,
            String revenue) {}

    @TemplateData
    public record VariantRow(String variant, String texted, String converted, String rate, boolean winner) {}

    /**
     * @param actions the buttons this state offers ({@code start}, {@code pause}, {@code resume}, {@code cancel})
     * @param toSend  texts starting would send now (held out excluded)
     * @param report  the campaign flow's report page, once it has started
     */
    @TemplateData
    public record Detail(
            String id,
            String name,
            String state,
            String changedBy,
            String changedAt,
            String startedAt,
            String firstSendAt,
            String lastSendAt,
            String decideAt,
            Counts counts,
            List<VariantRow> variants,
            List<String> actions,
            String toSend,
            String queued,
            String report) {}

    /** The notice after a button, by the {@code done} it redirected with. */
    private static final Map<String, String> DONE = Map.of(
            "saved", "Draft saved. Nothing is sent until you start it.",
            "started", "Started. Each text leaves at its recipient's scheduled local time.",
            "paused", "Paused. Nothing more of this campaign leaves until it is resumed.",
            "resumed", "Resumed. What waited is released at the scheduled times, through quiet hours and caps.",
            "cancelled", "Cancelled. The texts not yet handed to the provider will never be sent.");

    private final CampaignViews views;
    private final CampaignSources sources;
    private final Formats formats;

    public CampaignPanel(CampaignViews views, CampaignSources sources, Formats formats) {
        this.views = views;
        this.sources = sources;
        this.formats = formats;
    }

    static String notice(String done) {
        return done == null ? null : DONE.get(done);
    }

    Row row(CampaignStore.Row stored) {
        CampaignViews.CampaignView v = views.of(stored);
        Optional<Campaign> campaign = sources.of(stored);
        return new Row(
                v.id(),
                v.name() == null ? v.id() : v.name(),
                v.state(),
                campaign.map(c -> CampaignScheduleWords.of(c.schedule())).orElse(Formats.NONE),
                Formats.count(v.counts().audience()),
                Formats.count(v.counts().sent()),
                Formats.count(v.counts().converted()),
                revenue(v));
    }

    /** @param toSend the texts starting would send (from the preview the page shows) */
    Detail detail(CampaignStore.Row stored, String toSend) {
        CampaignViews.CampaignView v = views.of(stored);
        var c = v.counts();
        Counts counts = new Counts(
                Formats.count(c.audience()),
                Formats.count(c.heldOut()),
                Formats.count(c.queued()),
                Formats.count(c.sent()),
                Formats.count(c.delivered()),
                Formats.count(c.clicked()),
                Formats.count(c.converted()),
                revenue(v));
        List<VariantRow> variants = v.variants().stream()
                .map(r -> new VariantRow(
                        r.variant(),
                        Formats.count(r.texted()),
                        Formats.count(r.converted()),
                        Formats.percent(r.rate()),
                        r.variant().equals(v.winner())))
                .toList();
        return new Detail(
                v.id(),
                v.name() == null ? v.id() : v.name(),
                v.state(),
                v.changedBy() == null ? Formats.NONE : v.changedBy(),
                formats.time(v.changedAt()),
                formats.time(v.startedAt()),
                formats.time(v.firstSendAt()),
                formats.time(v.lastSendAt()),
                formats.time(v.decideAt()),
                counts,
                variants,
                actions(v.state()),
                toSend,
                Formats.count(c.queued()),
                v.startedAt() == null ? null : "/flows/" + TemplateExtensions.pathSegment(v.flowId()));
    }

    static List<String> actions(String state) {
        return switch (state) {
            case "draft" -> List.of("start", "cancel");
            case "scheduled", "sending" -> List.of("pause", "cancel");
            case "paused" -> List.of("resume", "cancel");
            default -> List.of();
        };
    }

    /** Attributed revenue, counted in the reporting currency like every sum of orders. */
    private String revenue(CampaignViews.CampaignView v) {
        return formats.money(v.counts().revenue());
    }
}
