package io.comeback.engine.parse;

import io.comeback.engine.model.Campaign;
import io.comeback.engine.model.CampaignSchedule;
import io.comeback.engine.model.CampaignTest;
import io.comeback.engine.model.EntryRules;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.Goal;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a campaign file into a {@link Campaign}: the flow language's own readers read its settings, audience,
 * goal, links and texts, so a campaign is written (and its problems are reported, with line and column) as a flow
 * is. The campaign's engine flow is built here from what was read; the schedule, the A/B test and the keyword are
 * read by {@link CampaignPartsReader}.
 */
public final class CampaignParser {

    public static final List<String> KEYS = List.of(
            "id",
            "name",
            "description",
            "settings",
            "audience",
            "holdout_percent",
            "goal",
            "convert_within",
            "links",
            "send",
            "variants",
            "schedule",
            "keyword");
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /**
     * The keys a campaign file may have, by where they may appear ({@code campaign} is the top level); a test holds
     * {@code flows/campaign.schema.json} to them. The pieces a campaign shares with a flow are in {@link Vocabulary}.
     */
    public static Map<String, List<String>> keysByContext() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("campaign", KEYS);
        all.put("variants", CampaignPartsReader.VARIANTS);
        all.put("schedule", CampaignPartsReader.SCHEDULE);
        all.put("schedule.spread", CampaignPartsReader.SPREAD);
        all.put("keyword", CampaignPartsReader.KEYWORD);
        return Collections.unmodifiableMap(all);
    }

    public ParsedCampaign parse(String source) {
        Problems problems = new Problems();
        Optional<Node> root = new FlowParser().compose(source, problems);
        if (root.isEmpty()) {
            return new ParsedCampaign(Optional.empty(), problems.all());
        }
        Optional<YamlMap> top = YamlMap.of(root.get(), "", problems, Problems.at(root.get()), KEYS, "a campaign file");
        return new ParsedCampaign(top.map(t -> read(t, source, problems)), problems.all());
    }

    private Campaign read(YamlMap top, String source, Problems problems) {
        String id = top.requiredText(
                        "id", "give the campaign a short name, e.g. `id: vip-offer` (best: the file name).")
                .map(String::trim)
                .orElse("");
        if (!id.isEmpty() && !CAMPAIGN_ID.matcher(id).matches()) {
            problems.error(
                    top.value("id").orElseThrow(),
                    "id",
                    "`" + id + "` is not a usable campaign id: use lower-case letters, digits, _ and -.");
        }
        String name = top.text("name").map(String::trim).orElse(id);
        String description = top.text("description").map(String::trim).orElse("");
        FlowSettings settings =
                new SettingsReader(problems).read(top.map("settings", SettingsReader.KEYS, "`settings`"));
        EntryRules read = new EntryReader(problems).read(Optional.of(top));
        Goal goal = read.goal().orElse(new Goal(EventType.ORDERED, top.location()));
        EntryRules entry = new EntryRules(
                read.audience(), read.reEntry(), read.holdoutPercent(), Optional.of(goal), top.location());
        FlowDuration convertWithin = top.parsed(
                        "convert_within", n -> Durations.read(n, top.childPath("convert_within"), problems, false))
                .orElse(FlowDuration.of(Campaign.DEFAULT_CONVERT_WITHIN));
        TextReader texts = new TextReader(List.of(source.split("\r?\n", -1)), problems);
        StepReader steps = new StepReader(problems, texts, settings.defaultLocale());
        CampaignPartsReader parts = new CampaignPartsReader(problems, texts, settings.defaultLocale());
        List<Send> sends = sends(top, steps, problems);
        Optional<CampaignTest> test =
                top.map("variants", CampaignPartsReader.VARIANTS, "`variants`").flatMap(parts::test);
        if (sends.size() < 2 && top.has("variants") && !sends.isEmpty() && !top.has("send")) {
            problems.error(
                    top.keyLocation("variants"),
                    "variants",
                    "An A/B test needs two variants or more under `variants.texts`.");
        }
        CampaignSchedule schedule = top.map("schedule", CampaignPartsReader.SCHEDULE, "`schedule`")
                .flatMap(parts::schedule)
                .orElse(CampaignSchedule.immediate());
        Flow flow = new Flow(
                Campaign.flowIdOf(id),
                name,
                description,
                FlowParser.version(source),
                settings,
                new Trigger.EventTrigger("campaign", List.of(), top.location()),
                entry,
                FlowParser.links(top, problems),
                CampaignFlowSteps.of(sends, convertWithin, top.location()),
                top.location());
        return new Campaign(
                id,
                name,
                flow,
                schedule,
                sends.stream().map(Send::id).toList(),
                sends.size() > 1 ? test : Optional.empty(),
                convertWithin,
                top.map("keyword", CampaignPartsReader.KEYWORD, "`keyword`").flatMap(parts::keyword),
                top.location());
    }

    /** One send under {@code send}, or the variants' sends under {@code variants.texts}; exactly one of the two. */
    private static List<Send> sends(YamlMap top, StepReader steps, Problems problems) {
        List<Send> sends = new ArrayList<>();
        if (top.has("send") && top.has("variants")) {
            problems.error(
                    top.keyLocation("variants"),
                    "variants",
                    "Write either `send` (one text for everyone) or `variants` (an A/B test), not both.");
        }
        if (top.has("send")) {
            steps.send(
                            Campaign.SINGLE,
                            Optional.empty(),
                            top.value("send").orElseThrow(),
                            "send",
                            top.keyLocation("send"),
                            top.keyLocation("send"))
                    .map(Send.class::cast)
                    .ifPresent(sends::add);
            return sends;
        }
        Optional<YamlMap> variants = top.map("variants", CampaignPartsReader.VARIANTS, "`variants`");
        if (variants.isEmpty()) {
            problems.error(
                    top.location(),
                    "send",
                    "Missing `send`: write the text, e.g. `send: {text: {nb: \"Hei!\", en: \"Hi!\"}}`, or `variants` for an A/B test.");
            return sends;
        }
        List<Node> items = variants.get().list("texts", "variants (`- id: a` with `send:`)");
        for (int i = 0; i < items.size(); i++) {
            String path = "variants.texts[" + i + "]";
            Optional<Step> step = steps.read(items.get(i), path);
            if (step.isPresent() && step.get() instanceof Send send) {
                if (reserved(send.id())) {
                    problems.error(
                            send.location(),
                            path + ".id",
                            "`" + send.id() + "` is a reserved name: call the variant `a`, `b`, ...");
                }
                sends.add(send);
            } else if (step.isPresent()) {
                problems.error(Problems.at(items.get(i)), path, "A variant is a `send` (a text and maybe a coupon).");
            }
        }
        if (sends.size() < 2) {
            problems.error(
                    variants.get().keyLocation("texts"), "variants.texts", "An A/B test needs two variants or more.");
        }
        return sends;
    }

    private static boolean reserved(String id) {
        return id.equals(Campaign.CONVERT_STEP) || id.equals(Campaign.VARIANT_STEP);
    }
}
