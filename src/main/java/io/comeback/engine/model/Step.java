package io.comeback.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * One step of a flow. After a step the customer moves to {@code next} when it is given, else to
 * the step written below it; after the last step the flow ends (reason {@code completed}).
 * Steps that choose where to go ({@code wait_for_reply}, {@code branch}) name their targets
 * themselves and fall back to that same successor.
 */
public sealed interface Step permits Send, Wait, WaitForReply, Branch, SetStep, Exit {

    String id();

    /** Explicit successor; empty means "the step below". */
    Optional<Target> next();

    SourceLocation location();

    /** The YAML key naming this kind of step, e.g. {@code wait_for_reply}. */
    String kind();

    /** Every step this one can jump to by name (not counting the implicit step below). */
    default List<Target> jumps() {
        return next().stream().toList();
    }

    /** Every step kind the language knows, in the order the reference lists them. */
    List<String> KINDS = List.of("send", "wait", "wait_for_reply", "branch", "set", "exit");
}
