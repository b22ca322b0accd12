package io.comeback.engine.parse;

import io.comeback.engine.model.Target;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a step id that something jumps to; whether that step exists is the validator's question. */
final class Targets {

    private Targets() {}

    static Optional<Target> read(YamlMap map, String key) {
        return map.value(key).flatMap(n -> read(n, map.childPath(key), map.problems()));
    }

    static Optional<Target> read(Node node, String path, Problems problems) {
        return Scalars.text(node, path, problems, "the id of a step")
                .map(id -> new Target(id.trim(), Problems.at(node)));
    }
}
