package io.comeback.engine.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A flow scenario test read from {@code flows/tests/*.yaml}: a customer's timeline and the
 * entries the simulated timeline must (and must not) contain. See "Scenario tests" in
 * {@code flows/README.md} for the file format.
 *
 * @param expect entries that must appear, in this order (other entries may come between them)
 * @param never  entries that must not appear anywhere
 * @param exact  when true, the timeline must hold nothing but the expected entries
 */
public record Scenario(
        String name,
        Path file,
        String flowId,
        SimulationRequest request,
        List<Expectation> expect,
        List<Expectation> never,
        boolean exact) {

    public Scenario {
        expect = List.copyOf(expect);
        never = List.copyOf(never);
    }
}
