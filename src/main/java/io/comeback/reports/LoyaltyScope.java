package io.comeback.reports;

/**
 * Whose loyalty figures a roll-up statement reads: all customers (V73 tables) or one flow's members (V121
 * tables). The statements start with {@link #CTE}, whose one parameter is the flow id (null for all), and
 * name the tables and the members' orders through this scope, so both read the same way.
 */
record LoyaltyScope(String flowIdOrNull) {

    static final LoyaltyScope ALL = new LoyaltyScope(null);

    /** First CTE of every scoped statement; parameter 1: the flow id or null. */
    static final String CTE = "scope AS (SELECT CAST(? AS text) AS flow_id)";

    String hours() {
        return flowIdOrNull == null
                ? "loyalty_hours"
                : "(SELECT f.* FROM loyalty_flow_hours f WHERE f.flow_id = (SELECT flow_id FROM scope))";
    }

    String days() {
        return flowIdOrNull == null
                ? "loyalty_days"
                : "(SELECT f.* FROM loyalty_flow_days f WHERE f.flow_id = (SELECT flow_id FROM scope))";
    }

    /** Whether order {@code o} is of a customer in scope. */
    String ordersOf(String o) {
        return flowIdOrNull == null
                ? "true"
                : "EXISTS (SELECT 1 FROM loyalty_flow_members m WHERE m.flow_id = (SELECT flow_id FROM scope) AND m.customer_id = "
                        + o + ".customer_id)";
    }
}
