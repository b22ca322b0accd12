package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Scenario files simulate every trigger with the customer API's fields (src/test/resources/scenario-triggers):
 * a birthday at its local time, an event with filters and a goal event, a keyword confirmed with JA, a segment.
 */
class TriggerScenariosTest {

    private static final Path FLOWS = Path.of("src/test/resources/scenario-triggers");
    private final ScenarioRunner runner = new ScenarioRunner(FLOWS);

    private void passes(String file) {
        ScenarioResult result = runner.run(FLOWS.resolve("tests/" + file));
        assertThat(result.failures()).as(result.report()).isEmpty();
    }

    @Test
    void aBirthdayScenarioEntersAtTheLocalTimeOfTheBirthday() {
        passes("birthday-at-local-time.yaml");
    }

    @Test
    void anEventScenarioEntersOnTheFilteredEventAndEndsOnTheGoalEvent() {
        passes("wishlist-filters-and-goal.yaml");
    }

    @Test
    void aKeywordScenarioEntersWhenTheSignUpIsConfirmed() {
        passes("vip-double-opt-in.yaml");
    }

    @Test
    void aSegmentScenarioEntersAtStart() {
        passes("platinum-segment.yaml");
    }
}
