package io.comeback.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * Where a {@code date} trigger reads the customer's date.
 *
 * @param kind      an attribute, or the customer's first order
 * @param attribute the attribute's name for {@link Kind#ATTRIBUTE}; null otherwise. The attribute
 *                  {@code birthday} is the customer's {@code birthday} field when that is set (the
 *                  runtime and the simulator show the field as that attribute).
 */
public record DateField(Kind kind, String attribute) {

    public enum Kind {
        ATTRIBUTE,
        FIRST_ORDER
    }

    /** The attribute every customer can have as a field of its own (the API's {@code birthday}). */
    public static final String BIRTHDAY = "birthday";

    /** What {@code field:} accepts besides {@code customer.attributes.<name>}. */
    public static final String FIRST_ORDER_FIELD = "customer.firstOrderAt";

    /** The same date as a customer fact ({@code customer.facts.firstOrderAt}), which flows also read. */
    public static final String FIRST_ORDER_FACT = Variables.FACT_PREFIX + "firstOrderAt";

    public static final String BIRTHDAY_FIELD = "customer.birthday";
    public static final List<String> FIELDS = List.of(BIRTHDAY_FIELD, FIRST_ORDER_FIELD);

    public DateField {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ATTRIBUTE) != (attribute != null)) {
            throw new IllegalArgumentException("an attribute name goes with kind ATTRIBUTE only");
        }
    }

    public static DateField attribute(String name) {
        return new DateField(Kind.ATTRIBUTE, name);
    }

    public static DateField firstOrder() {
        return new DateField(Kind.FIRST_ORDER, null);
    }

    /** Short words for timelines and entry reasons: {@code birthday}, {@code first order}. */
    public String describe() {
        return kind == Kind.FIRST_ORDER ? "first order" : attribute;
    }
}
