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
    void missingPathExitsTwo() {
        assertThat(cli.run("no/such/folder")).isEqualTo(2);
    }
}
