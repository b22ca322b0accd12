package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runner itself, on fixtures in src/test/resources/scenario-runner: it must pass good scenarios and fail bad ones. */
class ScenarioRunnerTest {

    private static final Path FLOWS = Path.of("src/test/resources/scenario-runner");
    private final ScenarioRunner runner = new ScenarioRunner(FLOWS);

    @Test
    void findsScenarioFilesInTheTestsFolder() {
        assertThat(runner.scenarioFiles())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("mini-night.yaml");
    }

    @Test
    void passesAScenarioWhoseTimelineMatches() {
        ScenarioResult result = runner.run(FLOWS.resolve("tests/mini-night.yaml"));
        assertThat(result.failures()).isEmpty();
        assertThat(result.name()).isEqualTo("A text at 23:30 in Oslo waits for 08:00");
        assertThat(result.report()).startsWith("PASS ");
    }

    @Test
    void failsWithWhatWasExpectedAndTheTimeline() {
        ScenarioResult result = runner.run(FLOWS.resolve("failing/wrong-time.yaml"));
        assertThat(result.passed()).isFalse();
        assertThat(result.failures())
                .anySatisfy(f -> assertThat(f)
                        .contains("expected {at: 2026-06-15T21:30:00Z, kind: send, step: hello}")
                        .contains("no such entry"));
        assertThat(result.failures()).anySatisfy(f -> assertThat(f).contains("expected no entry like {kind: defer}"));
        assertThat(result.report()).startsWith("FAIL ").contains("timeline:").contains("kind: defer");
    }

    @Test
    void expectationsMustComeInOrder() {
        ScenarioResult result = runner.run(FLOWS.resolve("failing/wrong-order.yaml"));
        assertThat(result.failures()).singleElement().asString().contains("came too early");
    }

    @Test
    void exactRejectsUnexpectedEntries() {
        ScenarioResult result = runner.run(FLOWS.resolve("failing/not-exact.yaml"));
        assertThat(result.failures())
                .singleElement()
                .asString()
                .contains("exact: unexpected entry")
                .contains("step: bye");
    }

    @Test
    void reportsFormatErrorsAndMissingFlows() {
        assertThat(runner.run(FLOWS.resolve("failing/unknown-key.yaml")).failures())
                .singleElement()
                .asString()
                .contains("unknown key 'expected'")
                .contains("expect");
        assertThat(runner.run(FLOWS.resolve("failing/missing-flow.yaml")).failures())
                .singleElement()
                .asString()
                .contains("flow 'nosuchflow' not found");
    }

    @Test
    void cliExitsNonZeroOnFailureAndZeroOnSuccess() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(ScenarioCli.run(new String[] {FLOWS.toString()}, print, print))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("PASS A text at 23:30")
                .contains("1 of 1 scenarios passed");
        out.reset();
        String failing = FLOWS.resolve("failing/wrong-order.yaml").toString();
        assertThat(ScenarioCli.run(new String[] {FLOWS.toString(), failing}, print, print))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("FAIL Expects entries")
                .contains("0 of 1 scenarios passed");
        assertThat(ScenarioCli.run(new String[] {"no/such/folder"}, print, print))
                .isEqualTo(2);
    }
}
