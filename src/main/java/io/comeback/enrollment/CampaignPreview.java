package io.comeback.enrollment;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.PhoneNumbers;
import io.comeback.audience.ShopNameConfig;
import io.comeback.audience.links.ShortLinkForm;
import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Languages;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.TextVariant;
import io.comeback.engine.text.SmsSegments;
import io.comeback.engine.time.CampaignTimes;
import io.comeback.engine.validate.TypicalSegments;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What starting a campaign now would do, without doing it: who (a sample, with the conditions that put them in),
 * how many (held out, per variant), how many segments each text is (typical values filled in, links as sent), and
 * the estimated cost per country of the recipients' numbers ({@link CampaignsConfig}).
 */
@ApplicationScoped
public class CampaignPreview {

    public record Preview(
            long audience,
            long heldOut,
            Map<String, Long> byVariant,
            long laterWithWinner,
            List<Recipient> sample,
            List<TextSegments> texts,
            List<CountryCost> countries,
            BigDecimal estimatedCost,
            String currency) {}

    public record Recipient(
            String customerId,
            String timeZone,
            Instant sendAt,
            String variant,
            String language,
            List<String> reasons) {}

    public record TextSegments(String variant, String language, int segments, String encoding, long recipients) {}

    public record CountryCost(
            String country, long recipients, long segments, BigDecimal pricePerSegment, BigDecimal cost) {}

    private final AgroalDataSource dataSource;
    private final PhoneNumbers phones;
    private final ShortLinkForm links;
    private final CampaignsConfig prices;
    private final Clock clock;
    private final Map<String, String> globals;

    public CampaignPreview(
            AgroalDataSource dataSource,
            PhoneNumbers phones,
            ShortLinkForm links,
            CampaignsConfig prices,
            Clock clock,
            ShopNameConfig shop) {
        this.dataSource = dataSource;
        this.phones = phones;
        this.links = links;
        this.prices = prices;
        this.clock = clock;
        this.globals = shop.globals();
    }

    public Preview preview(Campaign campaign) {
        Instant now = clock.instant();
        List<CampaignAudience.Recipient> audience;
        try (Connection c = dataSource.getConnection()) {
            audience = CampaignAudience.select(c, campaign, now, globals, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not preview campaign " + campaign.id(), e);
        }
        List<String> reasons = CampaignReasons.of(campaign);
        Map<String, Long> byVariant = new TreeMap<>();
        Map<String, long[]> texts = new TreeMap<>();
        Map<String, long[]> countries = new TreeMap<>();
        List<Recipient> sample = new ArrayList<>();
        long heldOut = 0;
        long later = 0;
        for (CampaignAudience.Recipient r : audience) {
            if (Holdout.heldOut(
                    campaign.flow().id(),
                    r.customerId(),
                    1,
                    campaign.flow().entry().holdoutPercent())) {
                heldOut++;
                continue;
            }
            String variant = CampaignLaunch.firstWaveVariant(campaign, r);
            if (variant == null) {
                later++;
                variant = campaign.variants().get(0); // costed as the first variant; the winner is not known yet
            } else {
                byVariant.merge(variant, 1L, Long::sum);
            }
            String country = country(r.phone());
            TextVariant text = send(campaign, variant).text().forLocale(language(r, country), defaultLocale(campaign));
            SmsSegments.SegmentCount count =
                    TypicalSegments.of(campaign.flow(), send(campaign, variant), text, links.shape());
            long[] t = texts.computeIfAbsent(
                    variant + "|" + text.locale() + "|" + count.segments() + "|" + count.encoding(), k -> new long[1]);
            t[0]++;
            long[] cost = countries.computeIfAbsent(country, k -> new long[2]);
            cost[0]++;
            cost[1] += count.segments();
            if (sample.size() < prices.previewSample()) {
                sample.add(new Recipient(
                        r.externalId(),
                        r.zone().getId(),
                        CampaignTimes.sendAt(campaign.schedule(), r.zone(), campaign.id(), r.customerId(), now),
                        variant,
                        text.locale(),
                        reasons));
            }
        }
        List<TextSegments> segments = new ArrayList<>();
        texts.forEach((key, n) -> {
            String[] k = key.split("\\|");
            segments.add(new TextSegments(k[0], k[1], Integer.parseInt(k[2]), k[3], n[0]));
        });
        List<CountryCost> costs = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, long[]> e : countries.entrySet()) {
            BigDecimal price = prices.pricePerSegment().getOrDefault(e.getKey(), prices.defaultPricePerSegment());
            BigDecimal cost =
                    price.multiply(BigDecimal.valueOf(e.getValue()[1])).setScale(2, RoundingMode.HALF_UP);
            costs.add(new CountryCost(e.getKey(), e.getValue()[0], e.getValue()[1], price, cost));
            total = total.add(cost);
        }
        return new Preview(
                audience.size(), heldOut, byVariant, later, sample, segments, costs, total, prices.currency());
    }

    private String country(String phone) {
        try {
            return phones.normalize(phone).region();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String language(CampaignAudience.Recipient r, String country) {
        if (r.locale() != null && !r.locale().isBlank()) {
            return r.locale();
        }
        List<String> spoken = Languages.spokenIn(country);
        return spoken.isEmpty() ? null : spoken.get(0);
    }

    private static String defaultLocale(Campaign campaign) {
        return campaign.flow().settings().defaultLocale();
    }

    private static Send send(Campaign campaign, String variant) {
        return campaign.flow().steps().stream()
                .filter(s -> s instanceof Send && s.id().equals(variant))
                .map(Send.class::cast)
                .findFirst()
                .orElseThrow();
    }
}
