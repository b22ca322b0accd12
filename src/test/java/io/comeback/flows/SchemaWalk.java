package io.comeback.flows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a YAML document (as snakeyaml-engine loads it: maps, lists, strings, numbers) against an editor schema by
 * walking it: keys the schema does not name, missing required keys, types, patterns, enums, bounds, {@code oneOf},
 * {@code anyOf}, {@code allOf}, {@code not}, {@code if}, and {@code $ref} to local definitions or into another
 * document. Enough of JSON Schema for our own schemas: no validator library is a test dependency.
 */
final class SchemaWalk {

    /** A schema node and the document its {@code #/…} references are read in. */
    private record At(JsonNode node, String document) {}

    private final Map<String, JsonNode> documents;

    /** {@code documents}: file name → schema, e.g. {@code campaign.schema.json} and {@code flow.schema.json}. */
    SchemaWalk(Map<String, JsonNode> documents) {
        this.documents = documents;
    }

    /** Every problem of {@code value} against the whole of {@code document}, each starting with its path. */
    List<String> problems(Object value, String document) {
        return problems(value, new At(documents.get(document), document), "");
    }

    private List<String> problems(Object value, At at, String path) {
        At here = resolve(at);
        JsonNode s = here.node();
        List<String> out = new ArrayList<>(own(value, here, path));
        s.path("allOf").forEach(part -> out.addAll(problems(value, new At(part, here.document()), path)));
        for (String choice : List.of("oneOf", "anyOf")) {
            if (s.has(choice)) {
                out.addAll(choice(choice, value, here, path));
            }
        }
        if (s.has("not")
                && problems(value, new At(s.get("not"), here.document()), path).isEmpty()) {
            out.add(path + ": matches what `not` excludes");
        }
        if (s.has("if")) {
            boolean holds =
                    problems(value, new At(s.get("if"), here.document()), path).isEmpty();
            JsonNode branch = s.path(holds ? "then" : "else");
            if (!branch.isMissingNode()) {
                out.addAll(problems(value, new At(branch, here.document()), path));
            }
        }
        return out;
    }

    /** {@code oneOf}: exactly one alternative fits; {@code anyOf}: one or more. Else the closest one's problems. */
    private List<String> choice(String choice, Object value, At at, String path) {
        List<String> closest = null;
        int fitting = 0;
        for (JsonNode alternative : at.node().get(choice)) {
            List<String> found = problems(value, new At(alternative, at.document()), path);
            fitting += found.isEmpty() ? 1 : 0;
            if (closest == null || found.size() < closest.size()) {
                closest = found;
            }
        }
        if (fitting > 1 && choice.equals("oneOf")) {
            return List.of(path + ": fits " + fitting + " of the alternatives where exactly one must");
        }
        return closest;
    }

    private At resolve(At at) {
        At here = at;
        while (here.node().has("$ref")) {
            String ref = here.node().get("$ref").asText();
            int hash = ref.indexOf('#');
            String document = hash > 0 ? ref.substring(0, hash) : here.document();
            JsonNode root = documents.get(document);
            if (root == null) {
                throw new AssertionError("`" + ref + "` refers to a document not given: " + document);
            }
            JsonNode target = root.at(ref.substring(hash + 1));
            if (target.isMissingNode()) {
                throw new AssertionError("`" + ref + "` points at nothing");
            }
            here = new At(target, document);
        }
        return here;
    }

    private List<String> own(Object value, At at, String path) {
        JsonNode s = at.node();
        List<String> out = new ArrayList<>();
        if (s.has("type") && !typeMatches(value, s.get("type"))) {
            out.add(path + ": expected " + s.get("type") + ", found " + value);
            return out;
        }
        if (s.has("const") && !enumContains(s.path("const"), value)) {
            out.add(path + ": " + value + " is not " + s.get("const"));
        }
        if (s.has("enum") && !enumContains(s.get("enum"), value)) {
            out.add(path + ": " + value + " is not one of " + s.get("enum"));
        }
        if (value instanceof String text && s.has("pattern")) {
            if (!Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
                out.add(path + ": `" + text + "` does not match "
                        + s.get("pattern").asText());
            }
        }
        if (value instanceof Number n) {
            if (s.has("minimum") && n.doubleValue() < s.get("minimum").asDouble()) {
                out.add(path + ": " + n + " is below " + s.get("minimum"));
            }
            if (s.has("exclusiveMinimum")
                    && n.doubleValue() <= s.get("exclusiveMinimum").asDouble()) {
                out.add(path + ": " + n + " is not above " + s.get("exclusiveMinimum"));
            }
            if (s.has("maximum") && n.doubleValue() > s.get("maximum").asDouble()) {
                out.add(path + ": " + n + " is above " + s.get("maximum"));
            }
        }
        if (value instanceof List<?> list) {
            if (s.has("minItems") && list.size() < s.get("minItems").asInt()) {
                out.add(path + ": fewer than " + s.get("minItems") + " items");
            }
            for (int i = 0; i < list.size(); i++) {
                if (s.has("items")) {
                    out.addAll(problems(list.get(i), new At(s.get("items"), at.document()), path + "[" + i + "]"));
                }
            }
        }
        if (value instanceof Map<?, ?> map) {
            out.addAll(keys(map, at, path));
        }
        return out;
    }

    private List<String> keys(Map<?, ?> map, At at, String path) {
        JsonNode s = at.node();
        List<String> out = new ArrayList<>();
        s.path("required").forEach(r -> {
            if (!map.containsKey(r.asText())) {
                out.add(path + ": missing `" + r.asText() + "`");
            }
        });
        if (s.has("minProperties") && map.size() < s.get("minProperties").asInt()) {
            out.add(path + ": fewer than " + s.get("minProperties") + " keys");
        }
        if (s.has("maxProperties") && map.size() > s.get("maxProperties").asInt()) {
            out.add(path + ": more than " + s.get("maxProperties") + " keys");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String child = path.isEmpty() ? key : path + "." + key;
            if (s.has("propertyNames")) {
                out.addAll(problems(key, new At(s.get("propertyNames"), at.document()), child + " (the key)"));
            }
            if (s.path("properties").has(key)) {
                out.addAll(problems(e.getValue(), new At(s.get("properties").get(key), at.document()), child));
            } else if (s.path("additionalProperties").isObject()) {
                out.addAll(problems(e.getValue(), new At(s.get("additionalProperties"), at.document()), child));
            } else if (s.has("additionalProperties")
                    && !s.get("additionalProperties").asBoolean()) {
                out.add(child + ": a key the schema does not name");
            }
        }
        return out;
    }

    private static boolean typeMatches(Object value, JsonNode type) {
        if (type.isArray()) {
            Iterator<JsonNode> types = type.elements();
            while (types.hasNext()) {
                if (typeMatches(value, types.next())) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            default -> throw new AssertionError("unknown type " + type);
        };
    }

    private static boolean enumContains(JsonNode values, Object value) {
        Iterable<JsonNode> candidates = values.isArray() ? values : List.of(values);
        for (JsonNode v : candidates) {
            if (v.isTextual() ? v.asText().equals(value) : v.toString().equals(String.valueOf(value))) {
                return true;
            }
        }
        return false;
    }
}
