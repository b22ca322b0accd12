package io.comeback.audience;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.run.CustomerFacts;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FactOrder;
import io.comeback.enrollment.CustomerViews;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The facts the runtime reads from the customer row ({@code customer.facts.*}: kept by the order fold, the item
 * facts by the functions of migration V190) are what the engine's pure definition ({@link CustomerFacts#of})
 * computes from the same orders — on random histories with split orders on one day, orders arriving out of
 * time order, items without a category or price, and ties of every kind.
 */
@QuarkusTest
class CustomerFactsAgreementTest {

    private static final List<String> ZONES = List.of("Europe/Oslo", "America/New_York", "Asia/Kolkata");
    private static final List<String> CATEGORIES = List.of("Sokker", "Sko", "sokker", "Jakker", "");
    private static final List<String> PRICES = List.of("99.00", "99", "1899.50", "10.00");

    @Inject
    CustomerService customers;

    @Inject
    OrderService orders;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRowsFactsAreThePureFactsOfTheOrders() throws Exception {
        Random random = new Random(18);
        Instant asOf = Instant.now();
        int withCategory = 0;
        int withRhythm = 0;
        for (int n = 0; n < 40; n++) {
            String zone = ZONES.get(n % ZONES.size());
            String externalId = TestData.id("facts");
            CustomerService.PutResult put = customers.put(
                    externalId,
                    new CustomerInput(
                            TestData.norwegianMobile(),
                            "Kari",
                            null,
                            null,
                            "nb-NO",
                            zone,
                            null,
                            Map.of(),
                            new CustomerInput.ConsentInput("opted_in", "test", null, null)));
            long id = ((CustomerService.Stored) put).customer().id;
            List<FactOrder> placed = new ArrayList<>();
            int count = random.nextInt(7);
            for (int k = 0; k < count; k++) {
                Instant at = asOf.minus(Duration.ofMinutes(random.nextInt(200 * 24 * 60)));
                if (k > 0 && random.nextInt(3) == 0) {
                    // A split order: minutes or hours after the previous one, or at the very same instant.
                    at = placed.get(k - 1).placedAt().plus(Duration.ofMinutes(random.nextInt(4) * random.nextInt(300)));
                    at = at.isAfter(asOf) ? asOf : at;
                }
                List<OrderInput.Item> items = new ArrayList<>();
                List<FactOrder.Item> factItems = new ArrayList<>();
                int lines = random.nextInt(4);
                for (int l = 0; l < lines; l++) {
                    String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                    String price = random.nextInt(5) == 0 ? null : PRICES.get(random.nextInt(PRICES.size()));
                    int quantity = 1 + random.nextInt(3);
                    String name = random.nextInt(6) == 0 ? null : "Vare " + random.nextInt(5);
                    String sku = "SKU-" + random.nextInt(9);
                    items.add(new OrderInput.Item(
                            sku, name, category.isEmpty() && random.nextBoolean() ? null : category, quantity, price));
                    factItems.add(new FactOrder.Item(
                            sku,
                            name,
                            items.get(l).category(),
                            quantity,
                            price == null ? null : new BigDecimal(price)));
                }
                String total = (random.nextInt(200000) / 100.0) + "";
                OrderService.Outcome outcome = orders.place(
                        new OrderInput(externalId + "-o" + k, externalId, total, "NOK", at.toString(), items, null));
                assertThat(outcome).isInstanceOf(OrderService.Created.class);
                placed.add(new FactOrder(at, new BigDecimal(total), factItems));
            }
            CustomerFacts expected = CustomerFacts.of(placed, ZoneId.of(zone));
            CustomerView view;
            try (Connection c = dataSource.getConnection()) {
                view = CustomerViews.load(c, id, asOf).orElseThrow();
            }
            assertThat(view.facts().values(view.timeZone(), asOf))
                    .as("%s in %s with %s", externalId, zone, placed)
                    .isEqualTo(expected.values(ZoneId.of(zone), asOf));
            withCategory += expected.favouriteCategory() != null ? 1 : 0;
            withRhythm += expected.medianGap() != null ? 1 : 0;
        }
        // The histories must exercise what they are for.
        assertThat(withCategory).isGreaterThan(10);
        assertThat(withRhythm).isGreaterThan(10);
    }
}
