package io.comeback.enrollment;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Why a recipient is in a campaign's audience, in the words of its file: every condition they meet. */
final class CampaignReasons {

    private CampaignReasons() {}

    static List<String> of(Campaign campaign) {
        List<String> reasons = new ArrayList<>();
        if (campaign.flow().settings().isMarketing()) {
            reasons.add("consent opted_in (a marketing campaign)");
        }
        campaign.flow().entry().audience().forEach(c -> reasons.add(words(c)));
        if (reasons.isEmpty()) {
            reasons.add("everyone with a number (no audience conditions)");
        }
        return reasons;
    }

    static String words(Condition condition) {
        if (condition instanceof Condition.Compare c) {
            return c.variable() + " " + c.operator().name().toLowerCase().replace('_', ' ') + " "
                    + String.join(", ", c.values());
        }
        if (condition instanceof Condition.HasTag t) {
            return "tag " + t.tag();
        }
        if (condition instanceof Condition.ConsentIs c) {
            return "consent " + c.status().yamlName();
        }
        if (condition instanceof Condition.EventHappened e) {
            return "event " + e.event().yamlName();
        }
        if (condition instanceof Condition.Not n) {
            return "not (" + words(n.condition()) + ")";
        }
        if (condition instanceof Condition.AnyOf any) {
            return any.conditions().stream().map(CampaignReasons::words).collect(Collectors.joining(" or ", "(", ")"));
        }
        Condition.AllOf all = (Condition.AllOf) condition;
        return all.conditions().stream().map(CampaignReasons::words).collect(Collectors.joining(" and ", "(", ")"));
    }
}
