package io.comeback.engine.parse;

import io.comeback.engine.model.SourceLocation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML mapping read strictly: on construction it reports duplicate keys and keys the
 * language does not know (with "did you mean"), then hands out values by key. Keys set to an
 * empty value count as absent.
 */
final class YamlMap {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final SourceLocation owner;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<String> unknownKeys = new java.util.ArrayList<>();

    /**
     * @param allowedKeys the keys the language knows here; {@code null} for open mappings
     * @param owner where to report a missing key: the key that introduced this mapping
     *              ({@code wait_for_reply:}) reads better than the mapping's first line
     */
    YamlMap(
            MappingNode node,
            String path,
            Problems problems,
            SourceLocation owner,
            Collection<String> allowedKeys,
            String whatItIs) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.owner = owner;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.error(keyNode, path, "A key must be a plain word, found " + Scalars.describe(keyNode) + ".");
                continue;
            }
            String key = scalar.getValue();
            if (entries.containsKey(key)) {
                int firstLine = Problems.at(entries.get(key).getKeyNode()).line();
                problems.error(
                        keyNode,
                        childPath(key),
                        "Duplicate key `" + key + "`: it is already set on line " + firstLine + ". Keep one of them.");
                continue;
            }
            entries.put(key, tuple);
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                unknownKeys.add(key);
                problems.error(
                        keyNode,
                        childPath(key),
                        "Unknown key `" + key + "` in " + whatItIs + "." + Suggestions.didYouMean(key, allowedKeys)
                                + " Allowed here: " + String.join(", ", allowedKeys) + ".");
            }
        }
    }

    static Optional<YamlMap> of(
            Node node,
            String path,
            Problems problems,
            SourceLocation owner,
            Collection<String> allowedKeys,
            String whatItIs) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, path, problems, owner, allowedKeys, whatItIs));
        }
        problems.error(
                node,
                path,
                "Expected " + whatItIs + " as a mapping (key: value lines), found " + Scalars.describe(node) + ".");
        return Optional.empty();
    }

    /** A mapping whose keys are names the writer chooses ({@code links:}); only duplicates are checked. */
    static Optional<YamlMap> open(Node node, String path, Problems problems, String whatItIs) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, path, problems, Problems.at(node), null, whatItIs));
        }
        problems.error(
                node,
                path,
                "Expected " + whatItIs + " as a mapping (name: value lines), found " + Scalars.describe(node) + ".");
        return Optional.empty();
    }

    /** Keys the language does not know here (already reported). */
    List<String> unknownKeys() {
        return List.copyOf(unknownKeys);
    }

    /** All keys, in file order, duplicates left out. */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** Stands in for parameters left out entirely ({@code trigger: inactive}), so "missing" checks still run. */
    static YamlMap empty(String path, Problems problems, SourceLocation owner) {
        MappingNode none = new MappingNode(
                org.snakeyaml.engine.v2.nodes.Tag.MAP, List.of(), org.snakeyaml.engine.v2.common.FlowStyle.AUTO);
        return new YamlMap(none, path, problems, owner, List.of(), "");
    }

    String path() {
        return path;
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    SourceLocation location() {
        SourceLocation at = Problems.at(node);
        return at.isKnown() ? at : owner;
    }

    /** Where to report that something is missing from this mapping. */
    SourceLocation owner() {
        return owner;
    }

    Problems problems() {
        return problems;
    }

    /** The known keys that are present with a non-empty value, in file order. */
    List<String> presentKeys(Collection<String> among) {
        return entries.keySet().stream()
                .filter(among::contains)
                .filter(this::has)
                .toList();
    }

    /** The known keys written in the file, even with an empty value, in file order. */
    List<String> writtenKeys(Collection<String> among) {
        return entries.keySet().stream().filter(among::contains).toList();
    }

    boolean has(String key) {
        NodeTuple t = entries.get(key);
        return t != null && !Scalars.isNull(t.getValueNode());
    }

    Optional<Node> value(String key) {
        return has(key) ? Optional.of(entries.get(key).getValueNode()) : Optional.empty();
    }

    /** The location of the key itself, for problems about the key as a whole. */
    SourceLocation keyLocation(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? owner : Problems.at(t.getKeyNode());
    }

    Optional<Node> required(String key, String hint) {
        if (!has(key)) {
            String where = entries.containsKey(key) ? "`" + key + "` is empty" : "Missing `" + key + "`";
            problems.error(entries.containsKey(key) ? keyLocation(key) : owner, childPath(key), where + ": " + hint);
        }
        return value(key);
    }

    Optional<String> text(String key) {
        return value(key).flatMap(n -> Scalars.text(n, childPath(key), problems, "text"));
    }

    Optional<String> requiredText(String key, String hint) {
        return required(key, hint).flatMap(n -> Scalars.text(n, childPath(key), problems, "text"));
    }

    Optional<Integer> integer(String key, int min, int max) {
        return value(key).flatMap(n -> Scalars.integer(n, childPath(key), problems, min, max));
    }

    Optional<Double> decimal(String key, double min, double max) {
        return value(key).flatMap(n -> Scalars.decimal(n, childPath(key), problems, min, max));
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(n -> Scalars.bool(n, childPath(key), problems));
    }

    /** A nested mapping; reports a non-mapping value. */
    Optional<YamlMap> map(String key, Collection<String> allowedKeys, String whatItIs) {
        return value(key).flatMap(n -> of(n, childPath(key), problems, keyLocation(key), allowedKeys, whatItIs));
    }

    /** A list (lines starting with {@code -}, or {@code [a, b]}); anything else is reported. */
    List<Node> list(String key, String ofWhat) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problems.error(
                value.get(),
                childPath(key),
                "Expected a list of " + ofWhat + " (lines starting with -, or [a, b]), found "
                        + Scalars.describe(value.get()) + ".");
        return List.of();
    }

    <T> Optional<T> parsed(String key, Function<Node, Optional<T>> parser) {
        return value(key).flatMap(parser);
    }
}
