package io.comeback.engine.parse;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What the parser made of a file. {@code flow} is absent only when the file is not YAML or not a
 * mapping at all; when present alongside errors it is a best effort (unreadable parts left out
 * or replaced by do-nothing placeholders) meant for further checking, never for running.
 */
public record ParsedFlow(Optional<Flow> flow, List<Problem> problems) {

    public ParsedFlow {
        problems = List.copyOf(problems);
    }
}
