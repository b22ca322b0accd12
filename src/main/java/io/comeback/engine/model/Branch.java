package io.comeback.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Goes to the target of the first case whose conditions all hold, else to {@code otherwise},
 * else to the step's successor.
 */
public record Branch(
        String id, Optional<Target> next, List<Case> cases, Optional<Target> otherwise, SourceLocation location)
        implements Step {

    public Branch {
        cases = List.copyOf(cases);
    }

    public String kind() {
        return "branch";
    }

    @Override
    public List<Target> jumps() {
        List<Target> all = new ArrayList<>(next().stream().toList());
        cases.forEach(c -> all.add(c.target()));
        otherwise.ifPresent(all::add);
        return all;
    }

    /** YAML: {@code - if: {event: ordered}, goto: thanks}; a list under {@code if} means all must hold. */
    public record Case(List<Condition> conditions, Target target, SourceLocation location) {
        public Case {
            conditions = List.copyOf(conditions);
        }
    }
}
