package io.comeback.engine.run;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Problem;
import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs flow scenario tests: each file in {@code <flows>/tests/*.yaml} names a flow
 * ({@code <flows>/<flow>.yaml}), which is validated and then simulated with
 * {@link FlowSimulator}; the timeline is checked against the scenario's expectations.
 * Used by the test suite ({@code ScenarioTest}) and by {@link ScenarioCli}.
 */
public final class ScenarioRunner {

    private final Path flowsDirectory;
    private final FlowSimulator simulator;
    private final ScenarioReader reader = new ScenarioReader();
    private final FlowValidator validator = new FlowValidator();

    public ScenarioRunner(Path flowsDirectory, FlowSimulator simulator) {
        this.flowsDirectory = flowsDirectory;
        this.simulator = simulator;
    }

    public ScenarioRunner(Path flowsDirectory) {
        this(flowsDirectory, FlowSimulator.withDefaults("Comeback"));
    }

    /** The scenario files under {@code <flows>/tests}, sorted by name. */
    public List<Path> scenarioFiles() {
        Path tests = flowsDirectory.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tests)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ScenarioResult run(Path scenarioFile) {
        Scenario scenario;
        try {
            scenario = reader.read(scenarioFile);
        } catch (ScenarioFormatException e) {
            return new ScenarioResult(
                    scenarioFile.getFileName().toString(), scenarioFile, List.of(e.getMessage()), List.of());
        }
        List<String> failures = new ArrayList<>();
        Flow flow = loadFlow(scenario.flowId(), failures);
        if (flow == null) {
            return new ScenarioResult(scenario.name(), scenarioFile, failures, List.of());
        }
        List<TimelineEntry> timeline;
        try {
            timeline = simulator.simulate(flow, scenario.request()).timeline();
        } catch (InvalidSimulationException e) {
            return new ScenarioResult(scenario.name(), scenarioFile, List.of(e.getMessage()), List.of());
        }
        failures.addAll(TimelineCheck.failures(scenario, timeline));
        return new ScenarioResult(scenario.name(), scenarioFile, failures, timeline);
    }

    private Flow loadFlow(String flowId, List<String> failures) {
        Path file = flowsDirectory.resolve(flowId + ".yaml");
        if (!Files.isRegularFile(file)) {
            failures.add("flow '" + flowId + "' not found: expected " + file);
            return null;
        }
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            failures.add("cannot read " + file + ": " + e.getMessage());
            return null;
        }
        ValidationResult result = validator.validate(source);
        if (result.flow().isEmpty()) {
            failures.add(file + " is not valid:");
            for (Problem problem : result.errors()) {
                failures.add("  " + problem);
            }
            return null;
        }
        return result.flow().get();
    }
}
