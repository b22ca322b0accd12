package io.comeback.reports;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's lapse definition as the loyalty figures use it: a customer is in the customer base while their latest
 * order is less than {@code comeback.reports.active-customer-window} old (default 120 days, the shipped win-back
 * flow's {@code no_purchase_for}), and lapsed after. Retention and churn are read against it, so the overview and the
 * win-back flow call the same customers lapsed. Each report says so beside its figures, and lists the purchase
 * windows of the {@code inactive} flows (the detector's), so a difference between the two shows.
 * <p>
 * The base uses the fixed window only: a personal rhythm (twice the customer's usual gap) differs per customer and
 * per instant, and the roll-ups count every period's base from spells of one fixed length.
 */
@ApplicationScoped
public class LapseDefinition {

    /** One inactive flow's purchase rule, as the detector applies it. */
    public record DetectorWindow(String flowId, String rule) {}

    /**
     * @param window         no order for this long: lapsed
     * @param definition     the same in words
     * @param sameAsDetector whether some inactive flow lapses customers after this same fixed window; null when no
     *                       inactive flow has a fixed window
     * @param detector       the purchase rules of the inactive flows
     */
    public record Lapse(
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration window,
            String definition,
            Boolean sameAsDetector,
            List<DetectorWindow> detector) {}

    private final FlowCatalog catalog;
    private final Duration window;

    public LapseDefinition(FlowCatalog catalog, ReportsConfig config) {
        this.catalog = catalog;
        this.window = config.activeCustomerWindow();
    }

    public Lapse current() {
        List<DetectorWindow> detector = new ArrayList<>();
        Boolean same = null;
        for (FlowCatalog.Entry entry : catalog.all()) {
            Flow flow = entry.flow();
            if (flow == null || !(flow.trigger() instanceof Trigger.Inactive inactive)) {
                continue;
            }
            String rule = rule(inactive);
            if (rule == null) {
                continue;
            }
            detector.add(new DetectorWindow(entry.id(), rule));
            if (inactive.noPurchaseFor().isPresent()) {
                boolean equal = inactive.noPurchaseFor().get().approximate().equals(window);
                same = same == null ? equal : same || equal;
            }
        }
        return new Lapse(
                window,
                "a customer is lapsed after " + days(window) + " without an order, and counts in the "
                        + "customer base until then (comeback.reports.active-customer-window)",
                same,
                List.copyOf(detector));
    }

    /** What each customer-base figure means under this definition, by the figure's name in the report. */
    public Map<String, String> definitions() {
        String days = days(window);
        Map<String, String> d = new LinkedHashMap<>();
        d.put(
                "customersAtStart",
                "customers not lapsed at the period's start: their latest order is less than " + days + " old");
        d.put(
                "customersAtEnd",
                "customers not lapsed at the period's end: their latest order is less than " + days + " old");
        d.put("newCustomers", "customers whose first order is in the period");
        d.put(
                "retentionRate",
                "(customers at end − new customers) ÷ customers at start: the share of the base that did not "
                        + "lapse (" + days + " without an order); one who lapsed and came back counts as retained");
        d.put(
                "churnRate",
                "1 − retention rate: the share of the base at the start that lapsed (" + days
                        + " without an order) by the end");
        return d;
    }

    public Duration window() {
        return window;
    }

    static String days(Duration window) {
        long hours = window.toHours();
        return hours % 24 == 0 ? (hours / 24) + " days" : hours + " hours";
    }

    /** 2.0 as "2", 1.5 as "1.5". */
    private static String factor(double f) {
        return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
    }

    private static String rule(Trigger.Inactive t) {
        String fixed = t.noPurchaseFor().map(d -> "no order for " + d.inWords()).orElse(null);
        if (t.rhythmFactor().isPresent()) {
            String rhythm = "no order for " + factor(t.rhythmFactor().getAsDouble())
                    + " × their usual gap between orders (with " + t.minOrders() + " orders or more)";
            return fixed == null ? rhythm : rhythm + ", else " + fixed;
        }
        return fixed;
    }
}
