package io.comeback.audience.demo;

import io.comeback.audience.Customer;
import io.comeback.audience.CustomerInput;
import io.comeback.audience.CustomerService;
import io.comeback.audience.EventInput;
import io.comeback.audience.EventService;
import io.comeback.audience.OrderInput;
import io.comeback.audience.OrderService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.logging.Logger;

/**
 * A small synthetic audience so a fresh local install has something to show: regular buyers,
 * customers late on their own rhythm, one-time buyers, new sign-ups and people who opted out.
 * Loaded only when enabled (dev profile) and the database holds no customer.
 */
@ApplicationScoped
public class DemoAudience {

    private static final Logger LOG = Logger.getLogger(DemoAudience.class);
    private static final List<String> FIRST = List.of(
            "Kari", "Ola", "Ingrid", "Lars", "Nora", "Jonas", "Emma", "Henrik", "Sofie", "Magnus", "Astrid", "Erik",
            "Maja", "Sindre", "Thea", "Anders", "Linnea", "Oskar", "Sara", "Elias");
    private static final List<String> LAST = List.of(
            "Hansen",
            "Johansen",
            "Olsen",
            "Larsen",
            "Andersen",
            "Pedersen",
            "Nilsen",
            "Kristiansen",
            "Jensen",
            "Karlsen",
            "Berg",
            "Haugen",
            "Lund",
            "Dahl",
            "Bakken");
    private static final List<String> CATEGORIES = List.of("coffee", "tea", "chocolate", "gifts");

    private final CustomerService customers;
    private final OrderService orders;
    private final EventService events;
    private final Clock clock;
    private final boolean enabled;
    private final int size;

    public DemoAudience(
            CustomerService customers, OrderService orders, EventService events, Clock clock, DemoConfig config) {
        this.customers = customers;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.enabled = config.enabled();
        this.size = config.customers();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled && isEmpty()) {
            load();
        }
    }

    @Transactional
    boolean isEmpty() {
        return Customer.count() == 0;
    }

    void load() {
        Random random = new Random(20261123L);
        Instant now = Instant.now(clock);
        int orderCount = 0;
        for (int i = 1; i <= size; i++) {
            String id = "demo-%04d".formatted(i);
            String first = FIRST.get(random.nextInt(FIRST.size()));
            Persona persona = Persona.values()[i % Persona.values().length];
            Instant signedUp = now.minus(persona.history()).minus(Duration.ofDays(random.nextInt(30)));
            String consent = persona == Persona.OPTED_OUT ? "opted_out" : "opted_in";
            customers.put(
                    id,
                    new CustomerInput(
                            "+47 4%07d".formatted(1_000_000 + i),
                            first,
                            LAST.get(random.nextInt(LAST.size())),
                            first.toLowerCase() + i + "@example.com",
                            random.nextInt(5) == 0 ? "en-GB" : "nb-NO",
                            null,
                            birthday(random),
                            Map.of(
                                    "segment",
                                    persona.name().toLowerCase(),
                                    "favouriteCategory",
                                    CATEGORIES.get(random.nextInt(CATEGORIES.size()))),
                            new CustomerInput.ConsentInput(
                                    consent,
                                    "demo",
                                    "Ja takk, send meg tilbud på SMS. Svar STOPP for å melde deg av.",
                                    signedUp.toString())));
            orderCount += placeOrders(id, persona, signedUp, now, random);
            if (persona.engaged()) {
                events.record(new EventInput(
                        id,
                        "site_visit",
                        now.minus(Duration.ofDays(1 + random.nextInt(10))).toString(),
                        Map.of("page", "/" + CATEGORIES.get(random.nextInt(CATEGORIES.size())))));
            }
        }
        LOG.infof(
                "Loaded the demo audience: %d customers, %d orders (customers demo-0001 … demo-%04d)",
                size, orderCount, size);
    }

    private int placeOrders(String customerId, Persona persona, Instant signedUp, Instant now, Random random) {
        int placed = 0;
        Instant at = signedUp.plus(Duration.ofHours(2));
        for (int n = 0; n < persona.orders(); n++) {
            if (at.isAfter(now.minus(persona.quietFor()))) {
                break;
            }
            BigDecimal total = BigDecimal.valueOf(149 + random.nextInt(900)).setScale(2, RoundingMode.UNNECESSARY);
            orders.place(new OrderInput(
                    "%s-o%02d".formatted(customerId, n + 1),
                    customerId,
                    total.toPlainString(),
                    "NOK",
                    at.toString(),
                    List.of(new OrderInput.Item(
                            "SKU-" + (100 + random.nextInt(50)),
                            "Demo product",
                            CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                            1,
                            total.toPlainString())),
                    null));
            placed++;
            long jitter = persona.rhythm().toHours() / 5;
            at = at.plus(persona.rhythm()).plus(Duration.ofHours(jitter == 0 ? 0 : random.nextLong(-jitter, jitter)));
        }
        return placed;
    }

    private static String birthday(Random random) {
        return "%d-%02d-%02d".formatted(1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    /** Kinds of customers a shop has, each with its own buying rhythm. */
    enum Persona {
        REGULAR(Duration.ofDays(400), Duration.ofDays(30), 14, Duration.ZERO, true),
        SLIPPING(Duration.ofDays(400), Duration.ofDays(30), 14, Duration.ofDays(75), false),
        LAPSED(Duration.ofDays(600), Duration.ofDays(60), 6, Duration.ofDays(200), false),
        ONE_TIME(Duration.ofDays(200), Duration.ofDays(365), 1, Duration.ZERO, false),
        NEW(Duration.ofDays(3), Duration.ofDays(30), 0, Duration.ZERO, true),
        OPTED_OUT(Duration.ofDays(300), Duration.ofDays(45), 4, Duration.ofDays(100), false);

        private final Duration history;
        private final Duration rhythm;
        private final int orders;
        private final Duration quietFor;
        private final boolean engaged;

        Persona(Duration history, Duration rhythm, int orders, Duration quietFor, boolean engaged) {
            this.history = history;
            this.rhythm = rhythm;
            this.orders = orders;
            this.quietFor = quietFor;
            this.engaged = engaged;
        }

        Duration history() {
            return history;
        }

        Duration rhythm() {
            return rhythm;
        }

        int orders() {
            return orders;
        }

        Duration quietFor() {
            return quietFor;
        }

        boolean engaged() {
            return engaged;
        }
    }
}
