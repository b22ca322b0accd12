package io.comeback.engine.model;

/**
 * An A/B test: {@code percent} of the audience is split equally between the variants; {@code decideAfter} after the
 * test texts' time the variant with the best conversion rate wins, and the rest of the audience gets it.
 */
public record CampaignTest(int percent, FlowDuration decideAfter, SourceLocation location) {}
