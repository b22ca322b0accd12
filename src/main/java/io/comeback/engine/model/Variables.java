package io.comeback.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * The variables texts ({@code {{ customer.firstName }}}), conditions ({@code field: order.total})
 * and {@code set ... from:} may use. Names follow the data model (camelCase) rather than YAML
 * keys, because they name data, not language.
 */
public final class Variables {

    /** Fixed names. {@code customer.attributes.*} and {@code link.*} are open families, see below. */
    public static final List<String> FIXED = List.of(
            "customer.firstName",
            "customer.lastName",
            "customer.email",
            "customer.phone",
            "customer.locale",
            "customer.rfm.recency",
            "customer.rfm.frequency",
            "customer.rfm.monetary",
            "customer.rfm.score",
            "order.id",
            "order.total",
            "order.currency",
            "order.items",
            "order.couponCode",
            "coupon.code",
            "coupon.expiresAt",
            "reply.text",
            "reply.score",
            "shop.name");

    /**
     * {@code customer.facts.<name>}: what Comeback knows from the customer's orders (flows/README.md, "Customer
     * facts"). Names follow the data model, like {@code customer.firstOrderAt} of date triggers.
     */
    public static final String FACT_PREFIX = "customer.facts.";

    public static final List<String> FACTS = List.of(
            "ordersCount",
            "firstOrderAt",
            "lastOrderAt",
            "totalSpent",
            "medianGapDays",
            "expectedNextOrderAt",
            "daysSinceLastOrder",
            "favouriteCategory",
            "lastProduct");

    /** {@code customer.attributes.<name>}: any attribute stored on the customer. */
    public static final String ATTRIBUTE_PREFIX = "customer.attributes.";

    /** {@code link.<name>}: a link declared under {@code links:} in the same flow. */
    public static final String LINK_PREFIX = "link.";

    /**
     * {@code event.<name>}: a property of the event that started the flow ({@code trigger: event}),
     * and {@code event.type}, its type.
     */
    public static final String EVENT_PREFIX = "event.";

    private Variables() {}

    /** The family a variable belongs to ({@code order} for {@code order.total}). */
    public static String family(String variable) {
        int dot = variable.indexOf('.');
        return dot < 0 ? variable : variable.substring(0, dot);
    }

    public static boolean isAttribute(String variable) {
        return variable.startsWith(ATTRIBUTE_PREFIX) && variable.length() > ATTRIBUTE_PREFIX.length();
    }

    /** A name under {@code customer.facts.}, known or not. */
    public static boolean isFactFamily(String variable) {
        return variable.startsWith(FACT_PREFIX);
    }

    /** The fact's name ({@code ordersCount}) when the variable is a known fact. */
    public static Optional<String> factName(String variable) {
        if (!isFactFamily(variable)) {
            return Optional.empty();
        }
        String name = variable.substring(FACT_PREFIX.length());
        return FACTS.contains(name) ? Optional.of(name) : Optional.empty();
    }

    public static boolean isEventProperty(String variable) {
        return variable.startsWith(EVENT_PREFIX) && variable.length() > EVENT_PREFIX.length();
    }

    public static Optional<String> linkName(String variable) {
        return variable.startsWith(LINK_PREFIX) && variable.length() > LINK_PREFIX.length()
                ? Optional.of(variable.substring(LINK_PREFIX.length()))
                : Optional.empty();
    }
}
