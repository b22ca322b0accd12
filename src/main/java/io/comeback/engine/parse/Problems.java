package io.comeback.engine.parse;

import io.comeback.engine.model.Problem;
import io.comeback.engine.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects every problem found while reading one file; parsing never stops at the first. */
final class Problems {

    private final List<Problem> found = new ArrayList<>();

    static SourceLocation at(Node node) {
        return node == null ? SourceLocation.UNKNOWN : at(node.getStartMark());
    }

    /** snakeyaml marks are 0-based; editors and people count from 1. */
    static SourceLocation at(Optional<Mark> mark) {
        return mark.map(m -> new SourceLocation(m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceLocation.UNKNOWN);
    }

    void error(SourceLocation at, String path, String message) {
        found.add(Problem.error(at, path, message));
    }

    void error(Node node, String path, String message) {
        error(at(node), path, message);
    }

    void warning(SourceLocation at, String path, String message) {
        found.add(Problem.warning(at, path, message));
    }

    void warning(Node node, String path, String message) {
        warning(at(node), path, message);
    }

    List<Problem> all() {
        return List.copyOf(found);
    }
}
