package io.comeback.engine.parse;

import io.comeback.engine.model.SourceLocation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Bounds on the shape of a flow file, so that no file can exhaust the stack or the memory of whatever
 * reads it (the folder watcher, {@code POST /api/flows/validate}, a replica resuming a stored version).
 * snakeyaml-engine composes nested collections by recursion and has no nesting limit of its own: a file of
 * a few thousand {@code [} ended in a StackOverflowError. Aliases ({@code *name}) are followed by the
 * readers, so a chain of them could expand a small file into millions of elements, or into itself.
 * A real flow nests about ten levels (steps, a step, its routes, conditions with any/all) and has a few
 * thousand elements at most.
 */
final class YamlLimits {

    /** Lists and mappings inside each other, counting the top-level mapping as 1. */
    static final int MAX_DEPTH = 50;
    /** Elements of the file with every alias followed. */
    static final int MAX_ELEMENTS = 100_000;
    /** Aliases of lists and mappings, snakeyaml's own guard against alias bombs (its default is 50). */
    static final int MAX_COLLECTION_ALIASES = 20;

    /** A rule the file breaks, with where. */
    record Breach(SourceLocation at, String message) {}

    /** Thrown while composing, before the recursion can go deeper than {@link #MAX_DEPTH}. */
    static final class TooDeep extends MarkedYamlEngineException {
        TooDeep(Optional<Mark> at) {
            super("", Optional.empty(), "nested deeper than " + MAX_DEPTH + " levels", at);
        }
    }

    private YamlLimits() {}

    static LoadSettings settings() {
        return LoadSettings.builder()
                .setLabel("flow")
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .build();
    }

    /** The documents of {@code source}, composed one by one; a too deep one throws {@link TooDeep}. */
    static Iterator<Node> documents(String source) {
        LoadSettings settings = settings();
        return new DepthBoundComposer(settings, new ParserImpl(settings, new StreamReader(settings, source)));
    }

    static String tooDeepMessage() {
        return "Lists and mappings are nested more than " + MAX_DEPTH + " levels deep here. A flow needs about ten "
                + "(steps, a step, its routes, conditions with any/all): remove the extra brackets or indentation.";
    }

    /**
     * Walks the composed tree without recursion, following aliases as the readers will, and stops at the
     * first element past the limits or an alias used inside its own anchor.
     */
    static Optional<Breach> check(Node root) {
        record Visit(Node node, int depth) {}
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit(root, 1));
        int elements = 0;
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            Node node = visit.node();
            SourceLocation at = Problems.at(node);
            if (++elements > MAX_ELEMENTS) {
                return Optional.of(new Breach(
                        at,
                        "The file has more than " + MAX_ELEMENTS + " elements (counting "
                                + "what aliases like *name repeat). A flow needs a few hundred: remove repetitions."));
            }
            if (node.isRecursive()) {
                String name = node.getAnchor().map(Anchor::getValue).orElse("…");
                return Optional.of(new Breach(
                        at,
                        "The anchor &" + name + " is used inside itself (*" + name
                                + "): a part of a flow cannot contain itself. Write the nested part out."));
            }
            if (node instanceof SequenceNode || node instanceof MappingNode) {
                if (visit.depth() > MAX_DEPTH) {
                    return Optional.of(new Breach(at, tooDeepMessage()));
                }
            }
            if (node instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    pending.push(new Visit(item, visit.depth() + 1));
                }
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    pending.push(new Visit(tuple.getKeyNode(), visit.depth() + 1));
                    pending.push(new Visit(tuple.getValueNode(), visit.depth() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** Counts open lists and mappings while composing and stops before the stack can run out. */
    private static final class DepthBoundComposer extends Composer {

        private int depth;

        DepthBoundComposer(LoadSettings settings, ParserImpl parser) {
            super(settings, parser);
        }

        @Override
        protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
            enter();
            try {
                return super.composeSequenceNode(anchor);
            } finally {
                depth--;
            }
        }

        @Override
        protected Node composeMappingNode(Optional<Anchor> anchor) {
            enter();
            try {
                return super.composeMappingNode(anchor);
            } finally {
                depth--;
            }
        }

        private void enter() {
            depth++;
            if (depth > MAX_DEPTH) {
                // The start event of the collection one level too deep is next: point at it.
                throw new TooDeep(parser.peekEvent().getStartMark());
            }
        }
    }
}
