package io.comeback.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.engine.model.Problem;
import io.comeback.engine.parse.CampaignParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code flows/campaign.schema.json} describes the campaign files {@link CampaignParser} reads: the same keys at the
 * top, in {@code variants}, {@code schedule} and {@code keyword}; what it shares with a flow it takes from {@code
 * flows/flow.schema.json} by references that resolve; and the shipped campaign passes it.
 */
class CampaignSchemaTest {

    private static final String FLOW_SCHEMA = "flow.schema.json";
    private static final String CAMPAIGN_SCHEMA = "campaign.schema.json";
    private static final Path SHIPPED = Path.of("flows/campaigns/vip-offer.yaml");

    private final JsonNode schema = read(CAMPAIGN_SCHEMA);
    private final JsonNode flowSchema = read(FLOW_SCHEMA);
    private final SchemaWalk walk = new SchemaWalk(Map.of(CAMPAIGN_SCHEMA, schema, FLOW_SCHEMA, flowSchema));

    private static JsonNode read(String file) {
        try {
            return new ObjectMapper().readTree(Path.of("flows", file).toFile());
        } catch (IOException e) {
            throw new AssertionError("flows/" + file + " is not valid JSON", e);
        }
    }

    @Test
    void isADraft202012SchemaRequiringAnIdAndEitherSendOrVariants() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactly("id");
        assertThat(schema.path("oneOf"))
                .extracting(alternative -> alternative.path("required").toString())
                .containsExactly("[\"send\"]", "[\"variants\"]");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void namesExactlyTheKeysTheParserAccepts() {
        Map<String, List<String>> parser = CampaignParser.keysByContext();
        assertThat(parser).containsOnlyKeys("campaign", "variants", "schedule", "schedule.spread", "keyword");
        parser.forEach((context, keys) -> {
            JsonNode object = schema;
            if (!context.equals("campaign")) {
                for (String part : context.split("\\.")) {
                    object = object.path("properties").path(part);
                }
            }
            assertThat(object.path("additionalProperties").asBoolean(true))
                    .as(context + " allows no other keys")
                    .isFalse();
            assertThat(names(object.path("properties"))).as(context).containsExactlyElementsOf(keys);
        });
    }

    @Test
    void everyReferenceIntoTheFlowSchemaPointsAtADefinitionThatExists() {
        List<String> refs = new ArrayList<>();
        collectRefs(schema, refs);
        assertThat(refs).anyMatch(ref -> ref.startsWith(FLOW_SCHEMA + "#/$defs/"));
        assertThat(refs).allSatisfy(ref -> {
            assertThat(ref).matches("(" + FLOW_SCHEMA.replace(".", "\\.") + ")?#/\\$defs/[A-Za-z]+");
            JsonNode document = ref.startsWith("#") ? schema : flowSchema;
            assertThat(document.at(ref.substring(ref.indexOf('#') + 1)).isObject())
                    .as(ref)
                    .isTrue();
        });
    }

    @Test
    void itsOwnDefinitionsDoNotShadowTheFlowSchemasInTheComposer() {
        // campaign-composer.js copies the flow schema's definitions next to these and makes the references local.
        assertThat(names(schema.path("$defs"))).doesNotContainAnyElementsOf(names(flowSchema.path("$defs")));
    }

    @Test
    void theShippedCampaignPassesItAndNamesItOnItsFirstLine() throws IOException {
        String source = Files.readString(SHIPPED);
        assertThat(source).startsWith("# yaml-language-server: $schema=../campaign.schema.json\n");
        assertThat(walk.problems(load(source), CAMPAIGN_SCHEMA)).isEmpty();
    }

    @Test
    void anABTestSpreadOverTheDayWithAKeywordPassesBothTheParserAndTheSchema() {
        String source = """
                id: ab-spread
                name: Spring test
                variants:
                  test_percent: 30
                  decide_after: PT6H
                  texts:
                    - id: a
                      send:
                        text: {nb: "Vår! Svar STOPP for å melde deg av.", en: "Spring! Reply STOP to opt out."}
                    - id: b
                      send:
                        text: {nb: "Nytt! Svar STOPP for å melde deg av.", en: "New! Reply STOP to opt out."}
                        coupon: {prefix: SPRING, valid_for: P7D}
                schedule:
                  date: 2035-04-02
                  spread: {from: "08:00", until: "21:00"}
                keyword:
                  words: [VAR, SPRING]
                  open_for: P2D
                  confirm: {nb: "Takk!", en: "Thanks!"}
                  then: welcome
                goal: {event: wishlist_added}
                """;
        assertThat(new CampaignParser().parse(source).problems())
                .extracting(Problem::format)
                .isEmpty();
        assertThat(walk.problems(load(source), CAMPAIGN_SCHEMA)).isEmpty();
    }

    @Test
    void theWalkFindsWhatTheParserRefuses() throws IOException {
        String shipped = Files.readString(SHIPPED);
        assertThat(walk.problems(load(shipped.replace("holdout_percent:", "holdout_pecrent:")), CAMPAIGN_SCHEMA))
                .containsExactly("holdout_pecrent: a key the schema does not name");
        assertThat(walk.problems(load(shipped.replace("at: \"10:00\"", "at: \"22:00\"")), CAMPAIGN_SCHEMA))
                .singleElement()
                .asString()
                .startsWith("schedule.at: `22:00` does not match");
        assertThat(walk.problems(load(shipped.replace("send:", "sent:")), CAMPAIGN_SCHEMA))
                .contains("sent: a key the schema does not name", ": missing `send`");
        assertThat(walk.problems(load(shipped + "\nvariants: {texts: []}\n"), CAMPAIGN_SCHEMA))
                .contains("variants.texts: fewer than 2 items");
        assertThat(walk.problems(
                        load(shipped.replace("    at_least: 4", "    at_least: 4\n    tag: vip")), CAMPAIGN_SCHEMA))
                .isNotEmpty();
    }

    private static Object load(String yaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.has("$ref")) {
            out.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, out));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
