package io.comeback.enrollment;

import io.smallrye.config.ConfigMapping;
import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code comeback.campaigns.*}: how often A/B decisions are looked for, and what a campaign preview estimates a text
 * to cost. Prices are per SMS segment, by
 * the recipient number's country (ISO 3166 code); defaults and their sources are in application.properties and
 * deploy/CONFIGURATION.md.
 */
@ConfigMapping(prefix = "comeback.campaigns")
public interface CampaignsConfig {

    /** The currency the prices are in (shown with the estimate). */
    String currency();

    /** The price per segment for a country without its own price. */
    BigDecimal defaultPricePerSegment();

    /** {@code comeback.campaigns.price-per-segment.<COUNTRY>}. */
    Map<String, BigDecimal> pricePerSegment();

    /** How often the clustered job looks for A/B campaigns whose winner is due ({@code CampaignDecisionJob}). */
    String decideEvery();

    /** How many recipients the preview lists with their reasons. */
    int previewSample();
}
