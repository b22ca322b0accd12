package io.comeback.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionCompareTest {

    private static Condition.Compare compare(Operator op, String... values) {
        return new Condition.Compare("customer.attributes.x", op, List.of(values), SourceLocation.UNKNOWN);
    }

    @Test
    void numbersCompareAsNumbers() {
        assertThat(compare(Operator.AT_LEAST, "9").test("10")).isTrue();
        assertThat(compare(Operator.AT_LEAST, "9").test("9.0")).isTrue();
        assertThat(compare(Operator.AT_LEAST, "9").test("8")).isFalse();
        assertThat(compare(Operator.BELOW, "7").test("6")).isTrue();
        assertThat(compare(Operator.ABOVE, "7").test("7")).isFalse();
        assertThat(compare(Operator.EQUALS, "9").test("9.00")).isTrue();
    }

    @Test
    void textComparesIgnoringCaseAndDatesAsDates() {
        assertThat(compare(Operator.EQUALS, "NO", "SE").test("se")).isTrue();
        assertThat(compare(Operator.NOT_EQUALS, "NO", "SE").test("DK")).isTrue();
        assertThat(compare(Operator.NOT_EQUALS, "NO").test(null)).isTrue();
        assertThat(compare(Operator.AT_MOST, "2025-06-30").test("2025-01-01")).isTrue();
        assertThat(compare(Operator.AT_LEAST, "9").test("many")).isFalse();
    }

    @Test
    void existenceIgnoresBlankValues() {
        assertThat(compare(Operator.EXISTS).test(" ")).isFalse();
        assertThat(compare(Operator.EXISTS).test("x")).isTrue();
        assertThat(compare(Operator.MISSING).test(null)).isTrue();
        assertThat(compare(Operator.EQUALS, "x").test(null)).isFalse();
    }
}
