package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowLintCliTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final FlowLintCli cli = new FlowLintCli(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shippedFlowsPass() {
        assertThat(cli.run("flows")).isZero();
        assertThat(output()).contains("4 flow file(s) checked: 0 error(s), 0 warning(s).");
    }

    @Test
    void errorsPrintFileLineColumnAndExitOne(@TempDir Path dir) throws IOException {
        Files.copy(
                Path.of("src/test/resources/flows/invalid/duplicate-step-ids.yaml"),
                dir.resolve("duplicate_step_ids.yaml"));
        Files.writeString(dir.resolve("notes.txt"), "not a flow");
        assertThat(cli.run(dir.toString())).isEqualTo(1);
        assertThat(output())
                .contains(dir.resolve("duplicate_step_ids.yaml") + ":11:5: error: Step id `hello` is already used")
                .contains("1 flow file(s) checked: 1 error(s), 0 warning(s).");
    }

    @Test
    void warningsAloneExitZeroAndFileNameMismatchIsWarned(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("src/test/resources/flows/invalid/unreachable-steps.yaml"), dir.resolve("other-name.yaml"));
        assertThat(cli.run(dir.resolve("other-name.yaml").toString())).isZero();
        assertThat(output())
                .contains(": warning: Step `forgotten` can never be reached")
                .contains("differs from the file name");
    }

    @Test
    void withLanguagesEveryMarketingFlowLackingOneIsWarnedOfAndTheShippedFlowsHaveAllFour(@TempDir Path dir)
            throws IOException {
        assertThat(cli.run("--languages", "sv,da,nb,en", "flows")).isZero();
        long shipped;
        try (var files = Files.list(Path.of("flows"))) {
            shipped = files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
        assertThat(output()).contains(shipped + " flow file(s) checked: 0 error(s), 0 warning(s).");

        buffer.reset();
        String steps = """
                steps:
                  - id: hello
                    send:
                      text:
                        nb: "Hei! Svar STOPP for å melde deg av."
                        en: "Hi! Reply STOP to opt out."
                """;
        Files.writeString(
                dir.resolve("promo.yaml"),
                "id: promo\nsettings:\n  kind: marketing\ntrigger: customer_created\n" + steps);
        Files.writeString(
                dir.resolve("receipt.yaml"),
                "id: receipt\nsettings:\n  kind: transactional\ntrigger: customer_created\n" + steps);
        assertThat(cli.run("--languages=sv,da,nb,en,fi", dir.toString())).isZero();
        assertThat(output())
                .contains(dir.resolve("promo.yaml")
                        + ":6:5: warning: --languages names Swedish (sv); this flow has no sv text: they get nb"
                        + " [steps.hello]")
                .contains("--languages names Danish (da); this flow has no da text: they get nb")
                .contains("--languages names Finnish (fi); this flow has no fi text: they get nb")
                .doesNotContain("(en)")
                .doesNotContain("receipt.yaml:")
                .contains("2 flow file(s) checked: 0 error(s), 3 warning(s).");

        buffer.reset();
        assertThat(cli.run("--languages")).isEqualTo(2);
        assertThat(output()).contains("--languages: error: name the languages");
    }

    @Test
    void missingPathExitsTwo() {
        assertThat(cli.run("no/such/folder")).isEqualTo(2);
    }
}
