package io.comeback.audience;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.DateField;
import io.comeback.engine.model.Link;
import io.comeback.engine.model.Variables;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a flow's entry conditions as one SQL predicate on a {@code customers} row (alias {@code c}),
 * so an audience can be counted and streamed in one scan instead of judging each customer in Java.
 * It means exactly what {@code FlowInterpreter#admits} means at entry (SQL functions of migration
 * V43 mirror the value comparison): variables that have no value at entry (order, reply, coupon) are
 * empty, and {@code event:} conditions cannot hold yet. Values from the flow are written as SQL
 * string literals, quotes doubled (standard_conforming_strings is on).
 */
public final class ConditionSql {

    private final String asOf;
    private final Map<String, String> globals;
    private final Map<String, Link> links;

    /**
     * @param asOf    an SQL expression for the instant RFM recency is judged at, e.g. {@code p.as_of}
     * @param globals service-wide variables such as {@code shop.name}
     */
    public ConditionSql(String asOf, Map<String, String> globals, Map<String, Link> links) {
        this.asOf = asOf;
        this.globals = globals;
        this.links = links;
    }

    /** All conditions hold; {@code TRUE} for none. */
    public String all(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "TRUE";
        }
        return conditions.stream().map(this::predicate).collect(Collectors.joining(" AND ", "(", ")"));
    }

    private String predicate(Condition condition) {
        if (condition instanceof Condition.Compare compare) {
            return "comeback_condition(" + literal(compare.operator().name()) + ", " + value(compare.variable())
                    + ", ARRAY["
                    + compare.values().stream().map(ConditionSql::literal).collect(Collectors.joining(", "))
                    + "]::text[])";
        }
        if (condition instanceof Condition.HasTag tag) {
            return "(" + literal(tag.tag()) + " = ANY (c.tags))";
        }
        if (condition instanceof Condition.ConsentIs consent) {
            return "(c.consent_status = " + literal(consent.status().yamlName()) + ")";
        }
        if (condition instanceof Condition.EventHappened) {
            return "FALSE";
        }
        if (condition instanceof Condition.Not not) {
            return "(NOT " + predicate(not.condition()) + ")";
        }
        if (condition instanceof Condition.AnyOf any) {
            return any.conditions().isEmpty()
                    ? "FALSE"
                    : any.conditions().stream().map(this::predicate).collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (condition instanceof Condition.AllOf allOf) {
            return all(allOf.conditions());
        }
        throw new IllegalArgumentException("Unknown condition " + condition);
    }

    private String value(String variable) {
        if (Variables.isAttribute(variable)) {
            String name = variable.substring(Variables.ATTRIBUTE_PREFIX.length());
            if (name.equals(DateField.BIRTHDAY)) {
                // The customer's birthday field is the attribute `birthday` when set (CustomerViews does the same).
                return "COALESCE(to_char(c.birthday, 'YYYY-MM-DD'), c.attributes ->> " + literal(name) + ")";
            }
            return "(c.attributes ->> " + literal(name) + ")";
        }
        java.util.Optional<String> fact = Variables.factName(variable);
        if (fact.isPresent()) {
            return fact(fact.get());
        }
        String rfm = "comeback_rfm_scores(c.last_order_at, c.orders_count, c.total_spent, " + asOf + ")";
        switch (variable) {
            case "customer.firstName":
                return "c.first_name";
            case "customer.lastName":
                return "c.last_name";
            case "customer.email":
                return "c.email";
            case "customer.phone":
                return "c.phone";
            case "customer.locale":
                return "c.locale";
            case "customer.rfm.recency":
                return "(" + rfm + ")[1]::text";
            case "customer.rfm.frequency":
                return "(" + rfm + ")[2]::text";
            case "customer.rfm.monetary":
                return "(" + rfm + ")[3]::text";
            case "customer.rfm.score":
                return "array_to_string(" + rfm + ", '')";
            default:
                break;
        }
        String link =
                Variables.linkName(variable).map(links::get).map(Link::url).orElse(null);
        String constant = link != null ? link : globals.get(variable);
        return constant == null ? "CAST(NULL AS text)" : literal(constant);
    }

    /**
     * {@code customer.facts.<name>} as {@code CustomerFacts#value} renders it from the same columns: dates are the
     * local day in the customer's zone, numbers compare as numbers (comeback_condition), so text forms such as
     * {@code 20.0000} for {@code 20} do not matter.
     */
    private String fact(String name) {
        return switch (name) {
            case "ordersCount" -> "c.orders_count::text";
            case "firstOrderAt" -> localDay("c.first_order_at");
            case "lastOrderAt" -> localDay("c.last_order_at");
            case "totalSpent" -> "c.total_spent::text";
            case "medianGapDays" -> "(c.median_gap_seconds / 86400.0)::text";
            case "expectedNextOrderAt" -> localDay("(c.last_order_at + c.median_gap_seconds * interval '1 second')");
            case "daysSinceLastOrder" -> "comeback_days_since(c.last_order_at, " + asOf + ")::text";
            case "favouriteCategory" -> "c.favourite_category";
            case "lastProduct" -> "c.last_product";
            default -> throw new IllegalArgumentException("no fact " + name);
        };
    }

    private static String localDay(String instant) {
        return "to_char(" + instant + " AT TIME ZONE c.time_zone, 'YYYY-MM-DD')";
    }

    static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A condition value cannot contain a NUL character");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
