package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Problem;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped flows and the valid fixtures validate with no errors and no warnings. */
class ValidAndShippedFlowsTest {

    private final FlowValidator validator = new FlowValidator();

    static Stream<Path> shippedFlows() {
        return Fixtures.yamlFilesIn(Fixtures.SHIPPED_FLOWS).stream();
    }

    static Stream<Path> validFixtures() {
        return Fixtures.yamlFilesIn(Fixtures.TEST_FLOWS.resolve("valid")).stream();
    }

    @ParameterizedTest
    @MethodSource("shippedFlows")
    void shippedFlowIsCleanAndNamedAfterItsFile(Path file) {
        ValidationResult result = validator.validate(Fixtures.read(file));
        assertThat(result.problems()).extracting(Problem::format).isEmpty();
        assertThat(result.flow())
                .hasValueSatisfying(flow -> assertThat(flow.id() + ".yaml")
                        .isEqualTo(file.getFileName().toString()));
        assertThat(Fixtures.read(file)).startsWith("# yaml-language-server: $schema=./flow.schema.json");
    }

    @ParameterizedTest
    @MethodSource("validFixtures")
    void validFixtureHasNoErrorsAndNoWarnings(Path file) {
        ValidationResult result = validator.validate(Fixtures.read(file));
        assertThat(result.problems()).extracting(Problem::format).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theShippedFlowsAreThere() {
        assertThat(shippedFlows().map(p -> p.getFileName().toString()))
                .contains("welcome.yaml", "feedback.yaml", "winback.yaml", "abandoned-checkout.yaml");
    }
}
