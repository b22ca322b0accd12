package io.comeback.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.ListAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * One named test per file in {@code flows/invalid}: every problem the file should report, with
 * its exact line and column and the words that tell the writer what to do.
 */
class InvalidFlowFixturesTest {

    private final FlowValidator validator = new FlowValidator();

    private ValidationResult validate(String fixture) {
        return validator.validate(Fixtures.invalid(fixture));
    }

    private static ListAssert<Tuple> lines(List<Problem> problems) {
        return assertThat(problems.stream()
                .map(p -> tuple(p.severity(), p.line(), p.column()))
                .toList());
    }

    @Test
    void yamlSyntaxErrorPointsAtTheUnclosedQuote() {
        ValidationResult result = validate("yaml-syntax-error.yaml");
        assertThat(result.isValid()).isFalse();
        assertThat(result.flow()).isEmpty();
        lines(result.problems()).containsExactly(tuple(Severity.ERROR, 6, 13));
        assertThat(result.problems().get(0).message()).contains("quote is never closed");
    }

    @Test
    void aDiscountIsAPercentageOrAnAmount() {
        List<Problem> problems = validate("bad-discounts.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.ERROR, 13, 19), tuple(Severity.ERROR, 19, 19));
        assertThat(problems.get(0).message())
                .isEqualTo(
                        "`20 prosent` is not a discount: write a percentage off the order such as `20%`, or an amount"
                                + " off in the shop's currency such as `100`.");
        assertThat(problems.get(1).message()).startsWith("`120%` is not a discount");
    }

    @Test
    void badIndentationPointsAtTheMisalignedLine() {
        ValidationResult result = validate("bad-indentation.yaml");
        lines(result.problems()).containsExactly(tuple(Severity.ERROR, 7, 6));
        assertThat(result.problems().get(0).message()).contains("indentation does not line up");
    }

    @Test
    void unknownKeysSuggestTheKnownSpelling() {
        List<Problem> problems = validate("unknown-keys.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 4, 3),
                        tuple(Severity.ERROR, 8, 5),
                        tuple(Severity.ERROR, 11, 5),
                        tuple(Severity.ERROR, 15, 5));
        assertThat(problems)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m).contains("`quiet_hour`").contains("Did you mean `quiet_hours`?"),
                        m -> assertThat(m).contains("`rythm_factor`").contains("Did you mean `rhythm_factor`?"),
                        m -> assertThat(m).contains("`sned`").contains("Did you mean `send`?"),
                        m -> assertThat(m).contains("`nxt`").contains("Did you mean `next`?"));
        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "settings.quiet_hour", "trigger.inactive.rythm_factor", "steps[0].sned", "steps[1].nxt");
    }

    @Test
    void duplicateKeysNameTheFirstOccurrence() {
        List<Problem> problems = validate("duplicate-keys.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.ERROR, 5, 3), tuple(Severity.ERROR, 11, 9));
        assertThat(problems.get(0).message()).contains("Duplicate key `kind`").contains("line 4");
        assertThat(problems.get(1).message()).contains("Duplicate key `nb`").contains("line 10");
    }

    @Test
    void duplicateStepIdsPointAtTheSecondStep() {
        List<Problem> problems = validate("duplicate-step-ids.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.ERROR, 11, 5));
        assertThat(problems.get(0).message()).contains("Step id `hello` is already used on line 6");
        assertThat(problems.get(0).path()).isEqualTo("steps[2].id");
    }

    @Test
    void jumpsToMissingStepsPointAtTheTargetName() {
        List<Problem> problems = validate("missing-step-targets.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.ERROR, 15, 17), tuple(Severity.ERROR, 17, 19));
        assertThat(problems.get(0).message()).contains("no step `subscribed`").contains("Did you mean `subscribe`?");
        assertThat(problems.get(0).path()).isEqualTo("steps[1].wait_for_reply.keywords[0].goto");
        assertThat(problems.get(1).message())
                .contains("no step `timed_out`")
                .contains("Steps in this flow: ask, answer");
        assertThat(problems.get(1).path()).isEqualTo("steps[1].wait_for_reply.on_timeout");
    }

    @Test
    void unreachableStepsAreWarnedAbout() {
        ValidationResult result = validate("unreachable-steps.yaml");
        assertThat(result.isValid()).isTrue();
        lines(result.problems()).containsExactly(tuple(Severity.WARNING, 11, 5), tuple(Severity.WARNING, 14, 5));
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).contains("can never be reached"));
        assertThat(result.problems().get(0).message()).contains("`forgotten`");
    }

    @Test
    void badDurationsSayWhatToWrite() {
        List<Problem> problems = validate("bad-durations.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 6, 12),
                        tuple(Severity.ERROR, 9, 11),
                        tuple(Severity.ERROR, 11, 18),
                        tuple(Severity.ERROR, 13, 11));
        assertThat(problems)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m).startsWith("`3 days` is not a duration: write P3D"),
                        m -> assertThat(m).startsWith("`2h` is not a duration: write PT2H"),
                        m -> assertThat(m).startsWith("`P2H` is not a duration: write PT2H"),
                        m -> assertThat(m).contains("Write P5D for 5 days or PT5H for 5 hours"));
    }

    @Test
    void unknownTemplateVariablesPointInsideTheText() {
        List<Problem> problems = validate("unknown-template-variables.yaml").problems();
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        // Columns are those of the "{{": inside a double-quoted string, and inside a | block on its own line.
        lines(errors)
                .containsExactly(
                        tuple(Severity.ERROR, 10, 18),
                        tuple(Severity.ERROR, 10, 48),
                        tuple(Severity.ERROR, 14, 20),
                        tuple(Severity.ERROR, 17, 24));
        assertThat(errors)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m)
                                .contains("Unknown variable `customer.first_name`")
                                .contains("Did you mean `customer.firstName`?"),
                        m -> assertThat(m).contains("no link `revew`").contains("Did you mean `review`?"),
                        m -> assertThat(m).contains("`order.id`").contains("trigger: order_placed"),
                        m -> assertThat(m).contains("`coupon.code`").contains("no step issues a coupon"));
        assertThat(problems)
                .filteredOn(p -> p.severity() == Severity.WARNING)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("No `en` text here"));
    }

    @Test
    void unknownCustomerFactsAreRefusedWithTheKnownNames() {
        List<Problem> problems = validate("unknown-facts.yaml").problems();
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        // Conditions point at their `field`; placeholders at their "{{".
        lines(errors)
                .containsExactly(
                        tuple(Severity.ERROR, 7, 9),
                        tuple(Severity.ERROR, 9, 9),
                        tuple(Severity.ERROR, 14, 30),
                        tuple(Severity.ERROR, 14, 74));
        assertThat(errors)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m)
                                .contains("Unknown fact `customer.facts.orderCount`")
                                .contains("Did you mean `ordersCount`?")
                                .contains("favouriteCategory"),
                        m -> assertThat(m)
                                .contains("Unknown fact `customer.facts.rfm`")
                                .contains("customer.rfm.recency"),
                        m -> assertThat(m).contains("Did you mean `favouriteCategory`?"),
                        m -> assertThat(m)
                                .contains("Unknown variable `customer.ordersCount`")
                                .contains("Did you mean `customer.facts.ordersCount`?"));
    }

    @Test
    void waitForReplyWithoutTimeoutIsAnError() {
        List<Problem> problems = validate("wait-for-reply-without-timeout.yaml").problems();
        assertThat(problems).filteredOn(Problem::isError).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.path()).isEqualTo("steps[1].wait_for_reply.timeout");
            assertThat(p.message()).contains("Missing `timeout`").contains("timeout: P2D");
        });
        assertThat(problems)
                .filteredOn(p -> p.severity() == Severity.INFO)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Scores 0-8 have no route"));
    }

    @Test
    void marketingTextWithoutOptOutHintIsWarnedPerLanguage() {
        ValidationResult result = validate("marketing-without-opt-out.yaml");
        assertThat(result.isValid()).isTrue();
        lines(result.problems()).containsExactly(tuple(Severity.WARNING, 9, 13));
        assertThat(result.problems().get(0).message()).contains("opt out").contains("Svar STOPP for å melde deg av");
        assertThat(result.problems().get(0).path()).isEqualTo("steps[0].send.text.nb");
    }

    @Test
    void nonGsmCharactersAreNamedButNordicLettersAreFine() {
        List<Problem> problems = validate("non-gsm-characters.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.WARNING, 10, 20));
        assertThat(problems.get(0).path()).isEqualTo("steps[0].send.text.en");
        assertThat(problems.get(0).message()).contains("’ (write ')", "🎉", "– (write -)", "“", "70 characters");
    }

    @Test
    void textsLongerThanMaxSegmentsGiveTheCount() {
        List<Problem> problems = validate("too-many-segments.yaml").problems();
        // Too long on their fixed words alone: refused at every send, so errors. Too long with typical
        // values: a warning, since shorter values would fit.
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 9, 13),
                        tuple(Severity.ERROR, 12, 13),
                        tuple(Severity.WARNING, 12, 79),
                        tuple(Severity.WARNING, 15, 13));
        assertThat(problems.get(0).message())
                .contains("is 3 SMS segments without any placeholder filled in (GSM-7, 311 " + "characters)")
                .contains("would never be sent")
                .contains("at most 306 characters");
        assertThat(problems.get(1).message())
                .contains("3 SMS segments without any placeholder filled in (UCS-2")
                .contains("at most 134 characters");
        assertThat(problems.get(2).message()).contains("🙂");
        assertThat(problems.get(3).message())
                .contains("about 3 SMS segments (GSM-7, 324 characters with typical values")
                .contains("refused, not sent")
                .contains("at most 306 characters")
                .contains("up to 10");
    }

    @Test
    void wrongTypesSayWhatIsExpected() {
        List<Problem> problems = validate("wrong-types.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 4, 13),
                        tuple(Severity.ERROR, 5, 17),
                        tuple(Severity.ERROR, 8, 20),
                        tuple(Severity.ERROR, 12, 13),
                        tuple(Severity.ERROR, 15, 14));
        assertThat(problems)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m).contains("`high` is not a whole number"),
                        m -> assertThat(m).contains("Expected a whole number here, found a list"),
                        m -> assertThat(m).contains("150 is out of range: write a number from 0 to 100"),
                        m -> assertThat(m).contains("Expected the message text"),
                        m -> assertThat(m).contains("`25:00` is not a time of day"));
    }

    @Test
    void missingRequiredKeysAreReportedAtTheTop() {
        List<Problem> problems = validate("missing-required.yaml").problems();
        lines(problems).containsOnly(tuple(Severity.ERROR, 1, 1));
        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder("id", "trigger", "steps");
    }

    @Test
    void loopsThatNeverWaitAreErrors() {
        List<Problem> problems = validate("loop-without-wait.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.ERROR, 9, 5));
        assertThat(problems.get(0).message()).contains("hello → again → hello").contains("`wait`");
    }

    @Test
    void badConditionsAreExplained() {
        List<Problem> problems = validate("bad-conditions.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 9, 7),
                        tuple(Severity.ERROR, 10, 16),
                        tuple(Severity.ERROR, 12, 17),
                        tuple(Severity.ERROR, 17, 24),
                        tuple(Severity.ERROR, 19, 15));
        assertThat(problems)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m).contains("tests one thing, found attribute and tag"),
                        m -> assertThat(m).contains("Unknown consent `yes`").contains("opted_in"),
                        m -> assertThat(m).contains("`at_least` needs a number"),
                        m -> assertThat(m).contains("Unknown event `purchased`"),
                        m -> assertThat(m)
                                .contains("`reply.score` has no value")
                                .contains("wait_for_reply"));
    }

    @Test
    void unknownTriggerListsTheKnownOnes() {
        List<Problem> problems = validate("unknown-trigger.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.ERROR, 4, 10));
        assertThat(problems.get(0).message())
                .contains("Unknown trigger `customer_signup`")
                .contains("customer_created, order_placed, event, inactive, segment, date, keyword");
    }

    @Test
    void aFileWithManyFaultsReportsAllOfThemAtOnce() {
        ValidationResult result = validate("many-faults.yaml");
        assertThat(result.flow()).isEmpty();
        assertThat(result.problems())
                .extracting(Problem::line, Problem::column, Problem::path)
                .containsExactly(
                        tuple(7, 22, "trigger.inactive.no_purchase_for"),
                        tuple(9, 9, "entry.goal"),
                        tuple(13, 13, "steps[0].send.text"),
                        tuple(13, 18, "steps[0].send.text"),
                        tuple(13, 57, "steps[0].send.text"),
                        tuple(14, 11, "steps[0].next"),
                        tuple(15, 5, "steps[1].id"),
                        tuple(16, 5, "steps[1].wiat"),
                        tuple(18, 5, "steps[2].wait_for_reply.timeout"),
                        tuple(21, 17, "steps[2].wait_for_reply.keywords[0].goto"));
        assertThat(result.errors()).hasSize(9);
        assertThat(result.warnings())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("opt out"));
        assertThat(result.problems().get(1).message()).contains("Did you mean `ordered`?");
    }

    @Test
    void badFrequencyCapNamesEachWrongValue() {
        List<Problem> problems = validate("bad-frequency-cap.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 5, 10), tuple(Severity.ERROR, 6, 10), tuple(Severity.ERROR, 7, 18));
        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "settings.frequency_cap.max",
                        "settings.frequency_cap.per",
                        "settings.frequency_cap.when_capped");
        assertThat(problems.get(1).message()).contains("write P7D");
        assertThat(problems.get(2).message())
                .contains("`when_capped: drop`")
                .contains("defer")
                .contains("skip");
    }

    @Test
    void frequencyCapSkipWithDelayContradictsItselfAndWarnsOnTransactional() {
        List<Problem> problems = validate("frequency-cap-skip-with-delay.yaml").problems();
        lines(problems).containsExactly(tuple(Severity.WARNING, 4, 18), tuple(Severity.ERROR, 4, 57));
        assertThat(problems.get(0).message()).contains("marketing texts only").contains("transactional");
        assertThat(problems.get(1).message()).contains("`max_delay` has no effect with `when_capped: skip`");
    }

    @Test
    void durationsLongerThanTenYearsAreRefusedWithTheAllowedRange() {
        List<Problem> problems = validate("extreme-durations.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 4, 23),
                        tuple(Severity.ERROR, 7, 22),
                        tuple(Severity.ERROR, 13, 18),
                        tuple(Severity.ERROR, 16, 16));
        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "settings.attribution_window",
                        "trigger.inactive.no_purchase_for",
                        "steps[1].wait.for",
                        "steps[2].wait_for_reply.timeout");
        assertThat(problems)
                .extracting(Problem::message)
                .allSatisfy(m -> assertThat(m)
                        .contains("is longer than a flow may wait or look back")
                        .contains("from PT1S up to P10Y (10 years, or P120M, P521W, P3652D)"));
        assertThat(problems.get(1).message()).startsWith("`P999999Y`");
        // Seven digits are more than the duration syntax takes; still said to be too long, not "not a duration".
        assertThat(problems.get(2).message()).startsWith("`P9999999D`");
    }

    @Test
    void datesInConditionsMustBeOnTheCalendarAndInRange() {
        List<Problem> problems = validate("dates-out-of-range.yaml").problems();
        lines(problems)
                .containsExactly(
                        tuple(Severity.ERROR, 8, 17), tuple(Severity.ERROR, 10, 14), tuple(Severity.ERROR, 12, 16));
        assertThat(problems)
                .extracting(Problem::message)
                .satisfiesExactly(
                        m -> assertThat(m)
                                .contains("`0000-01-01` is out of range")
                                .contains("from 1900-01-01 to 2999-12-31"),
                        m -> assertThat(m).contains("`2025-02-30` is not a date on the calendar"),
                        m -> assertThat(m).contains("`9999-12-31` is out of range"));
    }

    @Test
    void nestingThousandsDeepIsAProblemAtTheFirstLevelTooDeep() {
        ValidationResult result = validate("too-deeply-nested.yaml");
        assertThat(result.isValid()).isFalse();
        // text: starts at column 13 with four levels above it (file, steps, step, send): the 47th [ is level 51.
        lines(result.problems()).containsExactly(tuple(Severity.ERROR, 6, 13 + 46));
        assertThat(result.problems().get(0).message()).contains("nested more than 50 levels deep");
    }

    /** Guards against a fixture being added without a test that names it. */
    @Test
    void everyInvalidFixtureHasANamedTest() throws Exception {
        Set<String> named = java.util.Arrays.stream(java.nio.file.Files.readString(
                                Path.of("src/test/java/io/comeback/engine/validate/InvalidFlowFixturesTest.java"))
                        .split("\""))
                .filter(s -> s.endsWith(".yaml"))
                .collect(Collectors.toSet());
        List<String> fixtures = Fixtures.yamlFilesIn(Fixtures.TEST_FLOWS.resolve("invalid")).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        assertThat(named).containsAll(fixtures);
        assertThat(fixtures).allSatisfy(f -> assertThat(validate(f).problems()).isNotEmpty());
    }
}
