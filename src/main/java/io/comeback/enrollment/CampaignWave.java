package io.comeback.enrollment;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.CampaignSchedule;
import io.comeback.engine.time.CampaignTimes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Enters one wave of a campaign's recipients into its flow, each due at their own send time: the first wave at the
 * start (everyone, or the A/B test share with its variants), the rest of an A/B campaign with the winner. The
 * enrollment's first wake-up is the send time, so the text is written then and goes through the compliance gate as
 * it stands at that moment.
 */
final class CampaignWave {

    /** The wave's first and last send time, and how many entered. */
    record Entered(Instant first, Instant last, int entered) {}

    private static final int BATCH = 2_000;

    private CampaignWave() {}

    /** @param variantOf the variant of each recipient, or null to leave them out of this wave */
    static Entered enter(
            Connection c,
            Enrollments enrollments,
            Campaign campaign,
            CampaignSchedule schedule,
            List<CampaignAudience.Recipient> recipients,
            Function<CampaignAudience.Recipient, String> variantOf,
            Instant now)
            throws SQLException {
        Instant first = null;
        Instant last = null;
        int entered = 0;
        List<Enrollments.Candidate> batch = new ArrayList<>();
        for (CampaignAudience.Recipient r : recipients) {
            String variant = variantOf.apply(r);
            if (variant == null) {
                continue;
            }
            Instant at = CampaignTimes.sendAt(schedule, r.zone(), campaign.id(), r.customerId(), now);
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            batch.add(new Enrollments.Candidate(
                    r.customerId(),
                    new TriggerContext(Map.of(Campaign.VARIANT_VARIABLE, variant), at),
                    "campaign " + campaign.id() + (campaign.isAbTest() ? " (variant " + variant + ")" : "")));
            if (batch.size() == BATCH) {
                entered += count(enrollments.enterFlow(c, campaign.flow(), batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            entered += count(enrollments.enterFlow(c, campaign.flow(), batch));
        }
        return new Entered(first, last, entered);
    }

    private static int count(List<EntryOutcome> outcomes) {
        return (int) outcomes.stream()
                .filter(o -> !(o instanceof EntryOutcome.Refused))
                .count();
    }
}
