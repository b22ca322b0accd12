package io.comeback.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * A one-off send to an audience, read from a campaign file. It runs as an engine {@link Flow} of its own
 * ({@code flow}, id {@link #flowIdOf}): a branch on the variant (when A/B), one send per variant, then a wait of
 * {@code convertWithin} during which the goal counts as a conversion. So consent, quiet hours, caps, pacing,
 * coupons, tracked links, holdout and the flow reports apply to a campaign as they do to any flow.
 *
 * @param variants the variant ids in file order; a single {@link #SINGLE} when the file has one {@code send}
 * @param test     the A/B test, present when there are two variants or more
 */
public record Campaign(
        String id,
        String name,
        Flow flow,
        CampaignSchedule schedule,
        List<String> variants,
        Optional<CampaignTest> test,
        FlowDuration convertWithin,
        Optional<CampaignKeyword> keyword,
        SourceLocation location) {

    /** The variant id of a campaign without variants. */
    public static final String SINGLE = "send";
    /** The step every recipient waits in after the text, so the goal can still count as a conversion. */
    public static final String CONVERT_STEP = "convert";
    /** The branch step choosing the variant. */
    public static final String VARIANT_STEP = "variant";
    /** The trigger variable carrying a recipient's variant (the compiled flow's trigger is an event). */
    public static final String VARIANT_VARIABLE = "event.variant";

    public static final String DEFAULT_CONVERT_WITHIN = "P3D";

    /** Flow ids of files use [a-z0-9_-]; the dot keeps a campaign's flow apart from every flow file. */
    private static final String FLOW_PREFIX = "campaign.";

    public Campaign {
        variants = List.copyOf(variants);
    }

    public static String flowIdOf(String campaignId) {
        return FLOW_PREFIX + campaignId;
    }

    public static boolean isCampaignFlow(String flowId) {
        return flowId.startsWith(FLOW_PREFIX);
    }

    public static String campaignIdOf(String flowId) {
        return flowId.substring(FLOW_PREFIX.length());
    }

    public boolean isAbTest() {
        return test.isPresent();
    }
}
