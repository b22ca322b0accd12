package io.comeback.shops.shopify;

import static io.comeback.shops.ShopJson.array;
import static io.comeback.shops.ShopJson.decimal;
import static io.comeback.shops.ShopJson.instant;
import static io.comeback.shops.ShopJson.object;
import static io.comeback.shops.ShopJson.required;
import static io.comeback.shops.ShopJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.audience.OrderDraft;
import io.comeback.audience.OrderStatus;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.shops.ShopCheckout;
import io.comeback.shops.ShopCustomer;
import io.comeback.shops.ShopDeliveryReader;
import io.comeback.shops.ShopEvent;
import io.comeback.shops.ShopJson;
import io.comeback.shops.ShopOrder;
import io.comeback.shops.ShopPlatform;
import io.comeback.shops.ShopRefund;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shopify's webhook bodies (the Admin REST resources: customer, order, refund, checkout, and the GDPR
 * customers/redact request) read into {@link ShopEvent}s.
 */
@ApplicationScoped
public class ShopifyTopics implements ShopDeliveryReader {

    /** The topics Comeback stores; any other is answered 200 and dropped. */
    public static final Set<String> TOPICS = Set.of(
            "customers/create",
            "customers/update",
            "orders/create",
            "orders/updated",
            "orders/paid",
            "orders/cancelled",
            "refunds/create",
            "checkouts/create",
            "checkouts/update",
            "customers/redact");

    private static final ShopPlatform SHOPIFY = ShopPlatform.SHOPIFY;

    @Override
    public ShopEvent read(String topic, byte[] body) {
        JsonNode n = ShopJson.parse(body);
        return switch (topic) {
            case "customers/create", "customers/update" ->
                new ShopEvent.CustomerChanged(ShopifyCustomerReader.customer(n, null));
            case "orders/create", "orders/updated", "orders/paid", "orders/cancelled" ->
                new ShopEvent.OrderChanged(order(n));
            case "refunds/create" -> new ShopEvent.RefundAdded(SHOPIFY.externalId(required(n, "order_id")), refund(n));
            case "checkouts/create", "checkouts/update" -> new ShopEvent.CheckoutChanged(checkout(n));
            case "customers/redact" -> new ShopEvent.CustomerRedacted(required(object(n, "customer"), "id"));
            default -> new ShopEvent.Ignored("Comeback does not use the topic " + topic);
        };
    }

    static ShopOrder order(JsonNode o) {
        String id = required(o, "id");
        String locale = text(o, "customer_locale");
        JsonNode billing = object(o, "billing_address");
        String email = text(o, "email") != null ? text(o, "email") : text(o, "contact_email");
        String phone = text(o, "phone") != null ? text(o, "phone") : text(billing, "phone");
        JsonNode c = object(o, "customer");
        ShopCustomer customer = c != null && text(c, "id") != null
                ? ShopifyCustomerReader.withFallbacks(ShopifyCustomerReader.customer(c, locale), email, phone)
                : new ShopCustomer(
                        null,
                        SHOPIFY.externalId("guest-" + id),
                        email,
                        phone,
                        text(billing, "first_name"),
                        text(billing, "last_name"),
                        locale,
                        null,
                        null);
        BigDecimal amount = decimal(o, "total_price");
        if (amount == null) {
            amount = BigDecimal.ZERO;
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode code : array(o, "discount_codes")) {
            String value = text(code, "code");
            if (value != null) {
                codes.add(value);
            }
        }
        List<ShopRefund> refunds = new ArrayList<>();
        for (JsonNode refund : array(o, "refunds")) {
            refunds.add(refund(refund));
        }
        return new ShopOrder(
                SHOPIFY.externalId(id),
                customer,
                payment(o),
                amount,
                required(o, "currency"),
                instant(o, "created_at") != null ? instant(o, "created_at") : instant(o, "processed_at"),
                instant(o, "updated_at"),
                items(o),
                codes,
                refunds,
                false,
                text(o, "checkout_token"));
    }

    /** Cancelled (or its payment voided) is no purchase; paid stays paid when refunded; anything else is placed. */
    static OrderStatus payment(JsonNode o) {
        if (text(o, "cancelled_at") != null) {
            return OrderStatus.CANCELLED;
        }
        String financial = text(o, "financial_status");
        if (financial == null) {
            return OrderStatus.PLACED;
        }
        return switch (financial) {
            case "paid", "partially_refunded", "refunded" -> OrderStatus.PAID;
            case "voided" -> OrderStatus.CANCELLED;
            default -> OrderStatus.PLACED;
        };
    }

    private static List<OrderDraft.Item> items(JsonNode o) {
        List<OrderDraft.Item> items = new ArrayList<>();
        for (JsonNode line : array(o, "line_items")) {
            String quantity = text(line, "quantity");
            items.add(new OrderDraft.Item(
                    text(line, "sku"),
                    text(line, "title") != null ? text(line, "title") : text(line, "name"),
                    text(line, "product_type"),
                    quantity == null ? 1 : Integer.parseInt(quantity),
                    decimal(line, "price")));
        }
        return items;
    }

    /** What was paid back: the refund's successful refund transactions. */
    static ShopRefund refund(JsonNode r) {
        BigDecimal amount = BigDecimal.ZERO;
        for (JsonNode t : array(r, "transactions")) {
            String kind = text(t, "kind");
            String status = text(t, "status");
            BigDecimal value = decimal(t, "amount");
            if ("refund".equals(kind) && (status == null || "success".equals(status)) && value != null) {
                amount = amount.add(value);
            }
        }
        return new ShopRefund(required(r, "id"), amount, instant(r, "created_at"));
    }

    static ShopCheckout checkout(JsonNode k) {
        String token = required(k, "token");
        String locale = text(k, "customer_locale");
        String email = text(k, "email");
        String phone = text(k, "phone") != null ? text(k, "phone") : text(k, "sms_marketing_phone");
        JsonNode c = object(k, "customer");
        ShopCustomer.Consent consent = null;
        // Ticked at checkout: an opt-in for the number given there, at the time of the checkout.
        if (k.path("buyer_accepts_sms_marketing").asBoolean(false) && text(k, "sms_marketing_phone") != null) {
            phone = text(k, "sms_marketing_phone");
            consent = new ShopCustomer.Consent(
                    ConsentStatus.OPTED_IN,
                    instant(k, "updated_at") != null ? instant(k, "updated_at") : instant(k, "created_at"),
                    "shopify checkout");
        }
        ShopCustomer customer;
        if (c != null && text(c, "id") != null) {
            customer = ShopifyCustomerReader.withFallbacks(ShopifyCustomerReader.customer(c, locale), email, phone);
            if (consent != null && customer.consent() == null) {
                customer = ShopifyCustomerReader.withConsent(customer, consent);
            }
        } else {
            JsonNode billing = object(k, "billing_address");
            customer = new ShopCustomer(
                    null,
                    SHOPIFY.externalId("guest-checkout-" + token),
                    email,
                    phone,
                    text(billing, "first_name"),
                    text(billing, "last_name"),
                    locale,
                    null,
                    consent);
        }
        return new ShopCheckout(
                token,
                customer,
                text(k, "abandoned_checkout_url"),
                decimal(k, "total_price"),
                text(k, "currency"),
                instant(k, "created_at"),
                instant(k, "updated_at"),
                instant(k, "completed_at"));
    }
}
