package io.comeback.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.validate.FlowValidator;
import io.comeback.engine.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowSourceViewTest {

    @TempDir
    Path dir;

    @Test
    void everyProblemSitsUnderItsLineWithTheCaretAtItsColumn() throws Exception {
        String yaml = """
                id: broken
                name: Broken
                trigger:
                  customer_created: {}
                steps:
                  - id: hello
                    send:
                      text: "Hei"
                    next: nowhere
                """;
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml);
        ValidationResult result = new FlowValidator().validate(yaml);
        assertThat(result.problems()).isNotEmpty();

        FlowSourceView view = FlowSourceView.of("broken", file, result.problems());
        assertThat(view.lines()).hasSize(9);
        assertThat(view.lines().get(8).text()).isEqualTo("    next: nowhere");
        assertThat(view.problems()).hasSameSizeAs(result.problems());
        for (FlowSourceView.Marker m : view.problems()) {
            FlowSourceView.Line line = view.lines().get(Math.min(m.line(), 9) - 1);
            assertThat(line.markers()).contains(m);
            assertThat(m.pad()).hasSize(m.column() - 1).isBlank();
            assertThat(m.anchor()).isEqualTo("broken-L" + m.line());
        }
        // The dangling "next" is reported where it is written.
        assertThat(view.problems()).anySatisfy(m -> {
            assertThat(m.line()).isEqualTo(9);
            assertThat(m.message()).contains("nowhere");
        });
    }

    @Test
    void anUnreadableFileSaysSo() {
        FlowSourceView view = FlowSourceView.of("gone", dir.resolve("gone.yaml"), java.util.List.of());
        assertThat(view.unreadable()).isEqualTo("the file is gone");
    }
}
