package io.comeback.engine.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a customer's order items say: the favourite category and the last product. The one definition of both;
 * the SQL functions {@code comeback_favourite_category} and {@code comeback_last_product} (migration V190) mirror
 * it and {@code CustomerFactsAgreementTest} holds them together.
 * <ul>
 *   <li><b>favourite category</b>: the category with the most items (sum of quantities) over all the customer's
 *       orders; on a tie the one with more spent in it (unit price × quantity, an item without a price counts 0),
 *       then the one bought most recently, then the first in alphabetical (code point) order. Items without a
 *       category do not count; categories are compared exactly as the shop sends them.</li>
 *   <li><b>last product</b>: of the most recent order that has items (on equal times the one stored last), the
 *       item with the highest unit price (an item without a price comes last), the first listed on a tie; its
 *       name, else its SKU.</li>
 * </ul>
 */
final class ItemFacts {

    private ItemFacts() {}

    private static final class Category {
        long items;
        BigDecimal spent = BigDecimal.ZERO;
        Instant lastAt;
    }

    /** @param orders in the order they were stored (which breaks ties between equal times) */
    static String favouriteCategory(List<FactOrder> orders) {
        Map<String, Category> categories = new HashMap<>();
        for (FactOrder order : orders) {
            for (FactOrder.Item item : order.items()) {
                if (item.category() == null || item.category().isEmpty()) {
                    continue;
                }
                Category c = categories.computeIfAbsent(item.category(), k -> new Category());
                c.items += item.quantity();
                if (item.price() != null) {
                    c.spent = c.spent.add(item.price().multiply(BigDecimal.valueOf(item.quantity())));
                }
                if (c.lastAt == null || order.placedAt().isAfter(c.lastAt)) {
                    c.lastAt = order.placedAt();
                }
            }
        }
        String best = null;
        Category top = null;
        for (Map.Entry<String, Category> e : categories.entrySet()) {
            if (top == null || beats(e.getKey(), e.getValue(), best, top)) {
                best = e.getKey();
                top = e.getValue();
            }
        }
        return best;
    }

    private static boolean beats(String name, Category c, String bestName, Category best) {
        if (c.items != best.items) {
            return c.items > best.items;
        }
        int spent = c.spent.compareTo(best.spent);
        if (spent != 0) {
            return spent > 0;
        }
        int recent = c.lastAt.compareTo(best.lastAt);
        if (recent != 0) {
            return recent > 0;
        }
        return CodePoints.compare(name, bestName) < 0;
    }

    /** @param orders in the order they were stored (which breaks ties between equal times) */
    static String lastProduct(List<FactOrder> orders) {
        FactOrder latest = null;
        for (FactOrder order : orders) {
            if (!order.items().isEmpty() && (latest == null || !order.placedAt().isBefore(latest.placedAt()))) {
                latest = order;
            }
        }
        if (latest == null) {
            return null;
        }
        FactOrder.Item dearest = null;
        for (FactOrder.Item item : latest.items()) {
            if (dearest == null
                    || (item.price() != null
                            && (dearest.price() == null || item.price().compareTo(dearest.price()) > 0))) {
                dearest = item;
            }
        }
        return dearest.title();
    }

    /** Order by Unicode code point, as PostgreSQL's {@code COLLATE "C"} orders UTF-8 text. */
    static final class CodePoints {
        private CodePoints() {}

        static int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}
