package io.comeback.engine.model;

import java.util.List;

/**
 * A yes/no question about the customer, the order that triggered the flow, the last reply, or
 * what happened since the customer entered the flow. Used by the audience filter, order
 * filters and {@code branch} steps. A list of conditions means all of them must hold.
 */
public sealed interface Condition {

    SourceLocation location();

    /**
     * Compares a variable ({@code customer.attributes.nps}, {@code order.total}, {@code reply.score},
     * {@code customer.locale}) with the given values. YAML: {@code attribute: nps} (short for
     * {@code field: customer.attributes.nps}) or {@code field: order.total}, plus one operator key.
     */
    record Compare(String variable, Operator operator, List<String> values, SourceLocation location)
            implements Condition {
        public Compare {
            values = List.copyOf(values);
        }

        /** Evaluates against the variable's current value; {@code null} when it has none. */
        public boolean test(String actual) {
            return ValueComparison.test(operator, actual, values);
        }
    }

    /** The customer has this tag. YAML: {@code tag: vip}. */
    record HasTag(String tag, SourceLocation location) implements Condition {}

    /** The customer's SMS consent is in this state. YAML: {@code consent: opted_in}. */
    record ConsentIs(ConsentStatus status, SourceLocation location) implements Condition {}

    /** The event happened since the customer entered this flow. YAML: {@code event: ordered}. */
    record EventHappened(EventType event, SourceLocation location) implements Condition {}

    /** YAML: {@code not: {tag: vip}}. */
    record Not(Condition condition, SourceLocation location) implements Condition {}

    /** At least one holds. YAML: {@code any: [ ... ]}. */
    record AnyOf(List<Condition> conditions, SourceLocation location) implements Condition {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }
    }

    /** All hold; what a plain list of conditions means. YAML: {@code all: [ ... ]}. */
    record AllOf(List<Condition> conditions, SourceLocation location) implements Condition {
        public AllOf {
            conditions = List.copyOf(conditions);
        }
    }
}
