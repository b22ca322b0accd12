package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One test per scenario file in {@code flows/tests/}: the shipped flows must behave as their scenarios say. */
class ScenarioTest {

    private static final Path FLOWS = Path.of("flows");

    @TestFactory
    Stream<DynamicTest> shippedFlowScenarios() {
        ScenarioRunner runner = new ScenarioRunner(FLOWS);
        List<Path> files = runner.scenarioFiles();
        assertThat(files)
                .as("scenario files in %s", FLOWS.resolve("tests").toAbsolutePath())
                .isNotEmpty();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
                    ScenarioResult result = runner.run(file);
                    assertThat(result.failures()).as(result.report()).isEmpty();
                }));
    }
}
