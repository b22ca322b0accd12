package io.comeback.web.dashboard;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Trigger;
import io.comeback.flows.FlowCatalog;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Flows as a marketer knows them: by the {@code name:} of their file ("Win-back after 120 days"), the id only beside
 * it; and what makes a customer enter, in words. A flow with no name, an invalid file or a removed one is shown by id.
 */
@ApplicationScoped
public class FlowNames {

    /** A flow for a list or a menu: its name and, when the name is not the id, the id to show beside it. */
    @TemplateData
    public record Named(String id, String name) {
        public boolean hasName() {
            return !name.equals(id);
        }
    }

    private final FlowCatalog catalog;

    public FlowNames(FlowCatalog catalog) {
        this.catalog = catalog;
    }

    public String of(String id) {
        if (id == null) {
            return Formats.NONE;
        }
        return catalog.entry(id).map(FlowNames::name).orElse(id);
    }

    public Named named(String id) {
        return new Named(id, of(id));
    }

    /** Every flow of the catalog, by name. */
    public List<Named> all() {
        return catalog.all().stream()
                .map(e -> new Named(e.id(), name(e)))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
    }

    static String name(FlowCatalog.Entry entry) {
        Flow flow = entry.flow();
        return flow == null || flow.name() == null || flow.name().isBlank()
                ? entry.id()
                : flow.name().strip();
    }

    /** When a customer enters the flow, in words: "an order is placed (after 5 days)"; null for an invalid file. */
    static String trigger(FlowCatalog.Entry entry) {
        Flow flow = entry.flow();
        if (flow == null) {
            return null;
        }
        Trigger t = flow.trigger();
        if (t instanceof Trigger.OrderPlaced o) {
            return "an order is placed"
                    + o.delay().map(d -> " (texts after " + d.inWords() + ")").orElse("");
        }
        if (t instanceof Trigger.Inactive i) {
            return "a customer goes quiet"
                    + i.noPurchaseFor()
                            .map(d -> ": no order for " + d.inWords())
                            .orElse(i.rhythmFactor().isPresent() ? ": later than their usual rhythm" : "");
        }
        if (t instanceof Trigger.EventTrigger e) {
            return "a " + e.eventType().replace('_', ' ') + " is recorded";
        }
        if (t instanceof Trigger.DateTrigger d) {
            return "a date of the customer comes round ("
                    + (d.field().attribute() == null ? "first order" : d.field().attribute()) + ")";
        }
        if (t instanceof Trigger.Keyword k) {
            return "someone texts " + String.join(" or ", k.words());
        }
        if (t instanceof Trigger.Segment) {
            return "a customer comes to match its segment";
        }
        if (t instanceof Trigger.ReferralConverted) {
            return "a referred friend orders";
        }
        return "a new customer is added";
    }
}
