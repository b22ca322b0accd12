package io.comeback.engine.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says how a {@link Condition.Compare} compares values, so the audience
 * filter, branches and the simulator all agree: numbers as numbers ({@code 9} equals {@code 9.0}),
 * ISO dates as dates, everything else as text ignoring case. Ordering a value that is neither a
 * number nor a date is false, never an exception.
 */
final class ValueComparison {

    private ValueComparison() {}

    static boolean test(Operator operator, String actual, List<String> expected) {
        boolean present = actual != null && !actual.isBlank();
        return switch (operator) {
            case EXISTS -> present;
            case MISSING -> !present;
            case EQUALS -> present && expected.stream().anyMatch(e -> same(actual, e));
            case NOT_EQUALS -> !present || expected.stream().noneMatch(e -> same(actual, e));
            case AT_LEAST ->
                present && compare(actual, expected.get(0)).map(c -> c >= 0).orElse(false);
            case AT_MOST ->
                present && compare(actual, expected.get(0)).map(c -> c <= 0).orElse(false);
            case ABOVE ->
                present && compare(actual, expected.get(0)).map(c -> c > 0).orElse(false);
            case BELOW ->
                present && compare(actual, expected.get(0)).map(c -> c < 0).orElse(false);
        };
    }

    private static boolean same(String actual, String expected) {
        return compare(actual, expected)
                .map(c -> c == 0)
                .orElseGet(() -> actual.trim().equalsIgnoreCase(expected.trim()));
    }

    private static Optional<Integer> compare(String actual, String expected) {
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> e = number(expected);
        if (a.isPresent() && e.isPresent()) {
            return Optional.of(a.get().compareTo(e.get()));
        }
        Optional<LocalDate> da = date(actual);
        Optional<LocalDate> de = date(expected);
        if (da.isPresent() && de.isPresent()) {
            return Optional.of(da.get().compareTo(de.get()));
        }
        return Optional.empty();
    }

    static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
