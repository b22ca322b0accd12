package io.comeback.audience.inactivity;

import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.EventInput;
import io.comeback.audience.EventService;
import io.comeback.audience.OrderInput;
import io.comeback.audience.OrderService;
import io.comeback.privacy.PersonErasure;
import io.comeback.testing.TestData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds hand-made customer histories through the same services the API uses, so facts are maintained as in production. */
@ApplicationScoped
class Audience {

    private final CustomerService customers;
    private final OrderService orders;
    private final EventService events;
    private final PersonErasure erasure;

    Audience(CustomerService customers, OrderService orders, EventService events, PersonErasure erasure) {
        this.customers = customers;
        this.orders = orders;
        this.events = events;
        this.erasure = erasure;
    }

    /** A customer with a history; orders and events are stored in the order given (not necessarily by time). */
    record Person(long id, String externalId, String zone, List<Instant> orders, List<Instant> engagements) {}

    Person person(String zone, boolean consent, List<Instant> orderTimes, List<Instant> visits) {
        String externalId = TestData.id("inact");
        String phone = TestData.norwegianMobile();
        CustomerService.PutResult put = customers.put(
                externalId,
                new CustomerInput(
                        phone,
                        "Kari",
                        "Nordmann",
                        null,
                        "nb-NO",
                        zone,
                        null,
                        Map.of(),
                        new CustomerInput.ConsentInput(consent ? "opted_in" : "opted_out", "test", null, null)));
        if (!(put instanceof CustomerService.Stored stored)) {
            throw new IllegalStateException("customer not stored: " + put);
        }
        int n = 0;
        for (Instant at : orderTimes) {
            OrderService.Outcome outcome = orders.place(new OrderInput(
                    externalId + "-o" + (++n), externalId, "100.00", "NOK", at.toString(), List.of(), null));
            if (!(outcome instanceof OrderService.Created)) {
                throw new IllegalStateException("order not stored: " + outcome);
            }
        }
        for (Instant at : visits) {
            EventService.Outcome outcome = events.record(new EventInput(externalId, "site_visit", at.toString(), null));
            if (!(outcome instanceof EventService.Recorded)) {
                throw new IllegalStateException("event not stored: " + outcome);
            }
        }
        return new Person(stored.customer().id, externalId, zone, List.copyOf(orderTimes), List.copyOf(visits));
    }

    /** Moves the customer to another time zone, as the customer API does. */
    void rezone(Person person, String zone) {
        CustomerService.PutResult put = customers.put(
                person.externalId(),
                new CustomerInput(
                        null,
                        "Kari",
                        "Nordmann",
                        null,
                        "nb-NO",
                        zone,
                        null,
                        Map.of(),
                        new CustomerInput.ConsentInput("opted_in", "test", null, null)));
        if (!(put instanceof CustomerService.Stored)) {
            throw new IllegalStateException("customer not stored: " + put);
        }
    }

    /** Erases the customer as the API does, so later tests do not see their history. */
    boolean erase(String externalId) {
        return erasure.erase(externalId);
    }

    /** One more order of the customer, placed at {@code at}. */
    void order(String externalId, Instant at) {
        OrderService.Outcome outcome = orders.place(
                new OrderInput(TestData.id(externalId), externalId, "100.00", "NOK", at.toString(), List.of(), null));
        if (!(outcome instanceof OrderService.Created)) {
            throw new IllegalStateException("order not stored: " + outcome);
        }
    }

    /** {@code count} instants {@code gapDays} apart, the last at {@code last}. */
    static List<Instant> every(int gapDays, int count, Instant last) {
        List<Instant> times = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            times.add(last.minus(java.time.Duration.ofDays((long) gapDays * i)));
        }
        return times;
    }
}
