package io.comeback.web;

import io.comeback.audience.inactivity.InactiveAudience;
import io.comeback.audience.inactivity.MatchReason;
import java.time.Instant;
import java.util.List;

/** Answer of the inactive-audience preview: who matches and is eligible, who is left out and why, a sample. */
public record InactiveAudienceView(Instant asOf, long count, Excluded excluded, List<SampleEntry> sample) {

    /**
     * Matching customers left out: no SMS consent (or no number), outside the flow's entry conditions
     * ({@code entry.audience}; always 0 in a preview without a flow), in its re-entry cool-down, capped.
     */
    public record Excluded(long noConsent, long audience, long coolDown, long capped) {}

    public record SampleEntry(String customerId, List<MatchReason.Window> reasons) {}

    static InactiveAudienceView of(Instant asOf, InactiveAudience.Preview preview) {
        InactiveAudience.Counts c = preview.counts();
        return new InactiveAudienceView(
                asOf,
                c.count(),
                new Excluded(c.noConsent(), c.audience(), c.coolDown(), c.capped()),
                preview.sample().stream()
                        .map(s -> new SampleEntry(s.customerId(), s.reason().windows()))
                        .toList());
    }
}
