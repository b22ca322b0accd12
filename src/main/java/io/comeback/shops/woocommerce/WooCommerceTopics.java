package io.comeback.shops.woocommerce;

import static io.comeback.shops.ShopJson.array;
import static io.comeback.shops.ShopJson.decimal;
import static io.comeback.shops.ShopJson.instant;
import static io.comeback.shops.ShopJson.object;
import static io.comeback.shops.ShopJson.required;
import static io.comeback.shops.ShopJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderStatus;
import io.comeback.shops.ShopCustomer;
import io.comeback.shops.ShopDeliveryReader;
import io.comeback.shops.ShopEvent;
import io.comeback.shops.ShopJson;
import io.comeback.shops.ShopOrder;
import io.comeback.shops.ShopPlatform;
import io.comeback.shops.ShopRefund;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * WooCommerce's webhook bodies (the REST API's customer and order resources, v3; a deletion carries only the id) read
 * into {@link ShopEvent}s. WooCommerce says nothing about SMS consent.
 */
@ApplicationScoped
public class WooCommerceTopics implements ShopDeliveryReader {

    public static final Set<String> TOPICS =
            Set.of("customer.created", "customer.updated", "order.created", "order.updated", "order.deleted");

    private static final ShopPlatform WOO = ShopPlatform.WOOCOMMERCE;

    @Override
    public ShopEvent read(String topic, byte[] body) {
        JsonNode n = ShopJson.parse(body);
        return switch (topic) {
            case "customer.created", "customer.updated" -> new ShopEvent.CustomerChanged(customer(n));
            case "order.created", "order.updated" -> new ShopEvent.OrderChanged(order(n));
            case "order.deleted" -> new ShopEvent.OrderDeleted(WOO.externalId(required(n, "id")));
            default -> new ShopEvent.Ignored("Comeback does not use the topic " + topic);
        };
    }

    static ShopCustomer customer(JsonNode c) {
        String id = required(c, "id");
        JsonNode billing = object(c, "billing");
        return new ShopCustomer(
                id,
                WOO.externalId(id),
                text(c, "email") != null ? text(c, "email") : text(billing, "email"),
                text(billing, "phone"),
                text(c, "first_name") != null ? text(c, "first_name") : text(billing, "first_name"),
                text(c, "last_name") != null ? text(c, "last_name") : text(billing, "last_name"),
                null,
                modified(c),
                null);
    }

    static ShopOrder order(JsonNode o) {
        String id = required(o, "id");
        JsonNode billing = object(o, "billing");
        String customerId = text(o, "customer_id");
        boolean guest = customerId == null || "0".equals(customerId);
        ShopCustomer customer = new ShopCustomer(
                guest ? null : customerId,
                WOO.externalId(guest ? "guest-" + id : customerId),
                text(billing, "email"),
                text(billing, "phone"),
                text(billing, "first_name"),
                text(billing, "last_name"),
                null,
                // The order's billing details are the person's as of the order, not a newer customer record.
                null,
                null);
        String status = text(o, "status");
        List<String> codes = new ArrayList<>();
        for (JsonNode line : array(o, "coupon_lines")) {
            String code = text(line, "code");
            if (code != null) {
                codes.add(code);
            }
        }
        List<ShopRefund> refunds = new ArrayList<>();
        for (JsonNode refund : array(o, "refunds")) {
            BigDecimal total = decimal(refund, "total");
            refunds.add(new ShopRefund(required(refund, "id"), total == null ? BigDecimal.ZERO : total.abs(), null));
        }
        BigDecimal amount = decimal(o, "total");
        Instant placed =
                instant(o, "date_created_gmt") != null ? instant(o, "date_created_gmt") : instant(o, "date_created");
        return new ShopOrder(
                WOO.externalId(id),
                customer,
                payment(status),
                amount == null ? BigDecimal.ZERO : amount,
                required(o, "currency"),
                placed,
                modified(o),
                items(o),
                codes,
                refunds,
                "refunded".equals(status),
                null);
    }

    /**
     * Waiting for payment ({@code pending}), failed or a draft: not a purchase yet. {@code on-hold} (awaiting a bank
     * transfer) is placed; {@code processing} and {@code completed} are paid; cancelled or in the bin is none.
     */
    static OrderStatus payment(String status) {
        if (status == null) {
            return OrderStatus.PLACED;
        }
        return switch (status) {
            case "pending", "failed", "checkout-draft" -> OrderStatus.PENDING;
            case "processing", "completed", "refunded" -> OrderStatus.PAID;
            case "cancelled", "trash" -> OrderStatus.CANCELLED;
            default -> OrderStatus.PLACED;
        };
    }

    private static List<OrderDraft.Item> items(JsonNode o) {
        List<OrderDraft.Item> items = new ArrayList<>();
        for (JsonNode line : array(o, "line_items")) {
            String quantity = text(line, "quantity");
            BigDecimal price = decimal(line, "price");
            items.add(new OrderDraft.Item(
                    text(line, "sku"),
                    text(line, "name"),
                    null,
                    quantity == null ? 1 : Math.max(1, Integer.parseInt(quantity)),
                    price));
        }
        return items;
    }

    private static Instant modified(JsonNode n) {
        return instant(n, "date_modified_gmt") != null ? instant(n, "date_modified_gmt") : instant(n, "date_modified");
    }
}
