package io.comeback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the customer facts say, computed from orders by the rules flows/README.md states. */
class CustomerFactsTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    static FactOrder order(String placedAt, String total, FactOrder.Item... items) {
        return new FactOrder(Instant.parse(placedAt), new BigDecimal(total), List.of(items));
    }

    static FactOrder.Item item(String name, String category, int quantity, String price) {
        return new FactOrder.Item(null, name, category, quantity, price == null ? null : new BigDecimal(price));
    }

    @Test
    void aCustomerWhoNeverOrderedHasACountOfZeroAndNothingElse() {
        CustomerFacts none = CustomerFacts.of(List.of(), OSLO);
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        assertThat(none.values(OSLO, now))
                .containsExactly(java.util.Map.entry("ordersCount", "0"), java.util.Map.entry("totalSpent", "0.00"));
    }

    @Test
    void countsDatesMoneyAndTheRhythmFromTheOrders() {
        List<FactOrder> orders = List.of(
                // 23:30Z on 31 January is 1 February in Oslo.
                order("2026-01-31T23:30:00Z", "499.5"),
                order("2026-02-21T10:00:00Z", "100.004"),
                // The same day again: one purchase day.
                order("2026-02-21T10:05:00Z", "50"),
                order("2026-03-13T10:00:00Z", "250.00"));
        CustomerFacts facts = CustomerFacts.of(orders, OSLO);
        Instant now = Instant.parse("2026-03-20T09:00:00Z");
        assertThat(facts.value("ordersCount", OSLO, now)).isEqualTo("4");
        assertThat(facts.value("firstOrderAt", OSLO, now)).isEqualTo("2026-02-01");
        assertThat(facts.value("lastOrderAt", OSLO, now)).isEqualTo("2026-03-13");
        // Each total as stored, two decimals: 499.50 + 100.00 + 50.00 + 250.00.
        assertThat(facts.value("totalSpent", OSLO, now)).isEqualTo("899.50");
        // Purchase days 1 Feb, 21 Feb, 13 Mar: gaps 20 and 20.
        assertThat(facts.value("medianGapDays", OSLO, now)).isEqualTo("20");
        assertThat(facts.value("expectedNextOrderAt", OSLO, now)).isEqualTo("2026-04-02");
        assertThat(facts.value("daysSinceLastOrder", OSLO, now)).isEqualTo("6");
        assertThat(facts.value("favouriteCategory", OSLO, now)).isNull();
        assertThat(facts.value("lastProduct", OSLO, now)).isNull();
    }

    @Test
    void aHalfDayMedianAndNoRhythmFromOneDay() {
        CustomerFacts halfDay = CustomerFacts.of(
                List.of(
                        order("2026-01-01T10:00:00Z", "1"),
                        order("2026-01-11T10:00:00Z", "1"),
                        order("2026-01-22T10:00:00Z", "1")),
                OSLO);
        assertThat(halfDay.medianGap()).isEqualTo(Duration.ofHours(252));
        assertThat(halfDay.value("medianGapDays", OSLO, Instant.EPOCH)).isEqualTo("10.5");
        CustomerFacts oneDay =
                CustomerFacts.of(List.of(order("2026-01-01T10:00:00Z", "1"), order("2026-01-01T10:01:00Z", "1")), OSLO);
        assertThat(oneDay.value("medianGapDays", OSLO, Instant.EPOCH)).isNull();
        assertThat(oneDay.value("expectedNextOrderAt", OSLO, Instant.EPOCH)).isNull();
    }

    @Test
    void theFavouriteCategoryHasTheMostItems() {
        List<FactOrder> orders = List.of(
                order(
                        "2026-01-01T10:00:00Z",
                        "1",
                        item("Ullsokker", "Sokker", 3, "99"),
                        item("Jakke", "Jakker", 1, "2000")),
                order("2026-02-01T10:00:00Z", "1", item("Lue", "Luer", 2, "199"), item("Uten kategori", null, 9, "1")));
        assertThat(ItemFacts.favouriteCategory(orders)).isEqualTo("Sokker");
    }

    @Test
    void onEqualItemsTheMoreSpentThenTheMoreRecentThenTheAlphabeticallyFirstWins() {
        // 2 items each; more money in Jakker.
        assertThat(ItemFacts.favouriteCategory(List.of(order(
                        "2026-01-01T10:00:00Z",
                        "1",
                        item("a", "Sokker", 2, "99"),
                        item("b", "Jakker", 1, "2000"),
                        item("c", "Jakker", 1, null)))))
                .isEqualTo("Jakker");
        // Equal items and money: the one bought last.
        assertThat(ItemFacts.favouriteCategory(List.of(
                        order("2026-01-01T10:00:00Z", "1", item("a", "Sokker", 1, "100")),
                        order("2026-02-01T10:00:00Z", "1", item("b", "Luer", 1, "100")))))
                .isEqualTo("Luer");
        // Everything equal: code point order (upper case before lower case, Z before Æ).
        assertThat(ItemFacts.favouriteCategory(List.of(order(
                        "2026-01-01T10:00:00Z",
                        "1",
                        item("a", "Æsker", 1, "100"),
                        item("b", "sokker", 1, "100"),
                        item("c", "Zoo", 1, "100")))))
                .isEqualTo("Zoo");
    }

    @Test
    void theLastProductIsTheDearestItemOfTheLatestOrderWithItems() {
        List<FactOrder> orders = List.of(
                order("2026-01-01T10:00:00Z", "1", item("Gammel jakke", "Jakker", 1, "3000")),
                order(
                        "2026-02-01T10:00:00Z",
                        "1",
                        item("Sokker", "Sokker", 3, "99"),
                        item("Fjellsko", "Sko", 1, "1899"),
                        item("Lisser", null, 1, null)),
                // A later order without items (an import) changes nothing.
                order("2026-03-01T10:00:00Z", "1"));
        assertThat(ItemFacts.lastProduct(orders)).isEqualTo("Fjellsko");
        // On equal prices the first listed; without a name, the SKU.
        assertThat(ItemFacts.lastProduct(List.of(order(
                        "2026-01-01T10:00:00Z",
                        "1",
                        new FactOrder.Item("SKU-1", null, null, 1, new BigDecimal("10")),
                        item("Annen", null, 1, "10.00")))))
                .isEqualTo("SKU-1");
        // Two orders at the same instant: the one stored last.
        assertThat(ItemFacts.lastProduct(List.of(
                        order("2026-01-01T10:00:00Z", "1", item("Først", null, 1, "1")),
                        order("2026-01-01T10:00:00Z", "1", item("Sist", null, 1, "1")))))
                .isEqualTo("Sist");
    }
}
