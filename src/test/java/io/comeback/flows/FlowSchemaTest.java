package io.comeback.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Variables;
import io.comeback.engine.parse.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code flows/flow.schema.json} and {@code flows/README.md} describe the language the parser
 * reads: same keys, same step kinds, triggers, events and consent values.
 */
class FlowSchemaTest {

    private final JsonNode schema = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("flows/flow.schema.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("flows/flow.schema.json is not valid JSON", e);
        }
    }

    @Test
    void isADraft202012SchemaForFlows() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("id", "trigger", "steps");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void namesExactlyTheKeysTheParserAccepts() {
        Set<String> inSchema = new TreeSet<>();
        collectPropertyNames(schema, inSchema);
        assertThat(inSchema).isEqualTo(Vocabulary.allKeys());
    }

    @Test
    void listsEveryStepKindTriggerEventAndConsent() {
        JsonNode defs = schema.path("$defs");
        List<String> stepKinds = new ArrayList<>();
        defs.path("step")
                .path("oneOf")
                .forEach(alt -> stepKinds.add(alt.path("required").get(0).asText()));
        assertThat(stepKinds).containsExactlyElementsOf(Step.KINDS);
        assertThat(defs.path("trigger").path("oneOf").get(0).path("enum"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(Trigger.TYPES);
        assertThat(names(defs.path("trigger").path("oneOf").get(1).path("properties")))
                .containsExactlyElementsOf(Trigger.TYPES);
        assertThat(defs.path("event").path("enum"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(EventType.allSpellings());
        JsonNode consent = defs.path("condition")
                .path("oneOf")
                .get(2)
                .path("properties")
                .path("consent")
                .path("enum");
        assertThat(consent)
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ConsentStatus.values())
                        .map(ConsentStatus::yamlName)
                        .toList());
        Vocabulary.TRIGGER_PARAMETERS.forEach((type, keys) -> assertThat(names(defs.path("trigger")
                        .path("oneOf")
                        .get(1)
                        .path("properties")
                        .path(type)
                        .path("properties")))
                .as(type)
                .containsExactlyElementsOf(keys));
    }

    @Test
    void editorsCompleteEveryVariableAndEveryCustomerFact() throws IOException {
        List<String> examples = new ArrayList<>();
        schema.path("$defs").path("variable").path("examples").forEach(e -> examples.add(e.asText()));
        assertThat(examples).containsAll(Variables.FIXED);
        assertThat(examples)
                .containsAll(Variables.FACTS.stream()
                        .map(f -> Variables.FACT_PREFIX + f)
                        .toList());
        String readme = java.nio.file.Files.readString(Path.of("flows/README.md"));
        assertThat(Variables.FACTS).allSatisfy(f -> assertThat(readme).contains("`customer.facts." + f + "`"));
    }

    @Test
    void theReferenceMentionsEveryKey() throws IOException {
        String readme = java.nio.file.Files.readString(Path.of("flows/README.md"));
        assertThat(Vocabulary.allKeys()).allSatisfy(key -> assertThat(readme).contains("`" + key));
    }

    private static void collectPropertyNames(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            Iterator<String> fields = node.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (field.equals("properties")) {
                    out.addAll(names(node.get(field)));
                }
                collectPropertyNames(node.get(field), out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectPropertyNames(child, out));
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
