package io.comeback.audience;

import io.comeback.audience.inactivity.EngagementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Engagement events: the signals, besides orders, that a customer is still interested. */
@ApplicationScoped
public class EventService {

    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    private final Clock clock;
    private final EngagementStore engagement;
    private final jakarta.enterprise.event.Event<AudienceEvents.EngagementRecorded> recorded;

    public EventService(
            Clock clock,
            EngagementStore engagement,
            jakarta.enterprise.event.Event<AudienceEvents.EngagementRecorded> recorded) {
        this.clock = clock;
        this.engagement = engagement;
        this.recorded = recorded;
    }

    public sealed interface Outcome permits Recorded, Rejected {}

    public record Recorded(EngagementEvent event, String customerExternalId) implements Outcome {}

    public record Rejected(List<FieldViolation> violations) implements Outcome {}

    @Transactional
    public Outcome record(EventInput in) {
        List<FieldViolation> errors = new ArrayList<>();
        ExternalIds.check("customerId", in.customerId()).ifPresent(errors::add);
        if (in.type() == null || !TYPE.matcher(in.type()).matches()) {
            errors.add(
                    new FieldViolation(
                            "type",
                            in.type() == null
                                    ? "required: site_visit, link_click, email_open or a custom type in snake_case"
                                    : "'" + in.type()
                                            + "' is not a type name; use snake_case such as site_visit, link_click, email_open"));
        }
        Instant now = Instant.now(clock);
        Instant at = now;
        if (in.at() != null && !in.at().isBlank()) {
            Optional<Instant> parsed = Instants.parse(in.at());
            if (parsed.isEmpty()) {
                errors.add(new FieldViolation("at", Instants.problem(in.at(), "2026-05-17T10:00:00Z")));
            } else if (parsed.get().isAfter(now.plus(OrderValidator.CLOCK_SKEW))) {
                errors.add(new FieldViolation("at", "'" + in.at() + "' is in the future"));
            } else {
                at = parsed.get();
            }
        }
        Optional<Customer> customer = errors.isEmpty() ? Customer.findLiving(in.customerId()) : Optional.empty();
        if (errors.isEmpty() && customer.isEmpty()) {
            errors.add(new FieldViolation("customerId", "no customer '" + in.customerId() + "'"));
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        EngagementEvent event = new EngagementEvent();
        event.customerId = customer.get().id;
        event.type = in.type();
        event.at = at;
        event.properties = in.properties() == null ? new LinkedHashMap<>() : in.properties();
        // Recorded by the service's clock, like texts and webhooks: retention counts from it.
        event.createdAt = now;
        event.persist();
        engagement.recordEvent(event.customerId, event.type, event.at);
        recorded.fire(new AudienceEvents.EngagementRecorded(event.customerId, event.type, event.properties));
        return new Recorded(event, in.customerId());
    }
}
