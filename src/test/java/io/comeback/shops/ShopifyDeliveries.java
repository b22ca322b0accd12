package io.comeback.shops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deliveries as Shopify sends them: the Admin REST resource as the JSON body, {@code X-Shopify-Topic},
 * {@code X-Shopify-Webhook-Id} (one per delivery, the same on its retries), and {@code X-Shopify-Hmac-Sha256}: the
 * base64 HMAC-SHA256 of the exact body bytes under the webhook secret. Bodies follow Shopify's documented resources
 * (customer, order with line items and refunds, refund, checkout, customers/redact), with the fields Comeback reads.
 */
public final class ShopifyDeliveries {

    /** The test profile's {@code comeback.shopify.webhook-secret}. */
    public static final String SECRET = "test-shopify-webhook-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyDeliveries() {}

    /** A delivery: its id, topic and exact body. */
    public record Delivery(String webhookId, String topic, byte[] body) {

        public Response send() {
            return sendSigned(signature(body, SECRET));
        }

        public Response sendSigned(String hmac) {
            var request = RestAssured.given()
                    .contentType("application/json")
                    .header("X-Shopify-Topic", topic)
                    .header("X-Shopify-Webhook-Id", webhookId)
                    .header("X-Shopify-Shop-Domain", "comeback-test.myshopify.com")
                    .header("X-Shopify-API-Version", "2025-07")
                    .header("X-Shopify-Triggered-At", Instant.now().toString())
                    .body(body);
            if (hmac != null) {
                request.header("X-Shopify-Hmac-Sha256", hmac);
            }
            return request.post("/webhooks/shopify");
        }
    }

    public static Delivery delivery(String topic, Map<String, Object> resource) {
        try {
            return new Delivery(UUID.randomUUID().toString(), topic, JSON.writeValueAsBytes(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A customer resource; {@code smsState} null leaves {@code sms_marketing_consent} out. */
    public static Map<String, Object> customer(
            long id, String email, String phone, String firstName, Instant updatedAt, String smsState, Instant smsAt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("email", email);
        c.put("created_at", updatedAt.toString());
        c.put("updated_at", updatedAt.toString());
        c.put("first_name", firstName);
        c.put("last_name", "Nordmann");
        c.put("orders_count", 0);
        c.put("state", "enabled");
        c.put("total_spent", "0.00");
        c.put("verified_email", true);
        c.put("tax_exempt", false);
        c.put("tags", "");
        c.put("currency", "NOK");
        c.put("phone", phone);
        c.put("addresses", List.of());
        c.put("email_marketing_consent", Map.of("state", "not_subscribed"));
        if (smsState != null) {
            Map<String, Object> sms = new LinkedHashMap<>();
            sms.put("state", smsState);
            sms.put("opt_in_level", "single_opt_in");
            sms.put("consent_updated_at", smsAt == null ? null : smsAt.toString());
            sms.put("consent_collected_from", "SHOPIFY");
            c.put("sms_marketing_consent", sms);
        } else {
            c.put("sms_marketing_consent", null);
        }
        c.put("admin_graphql_api_id", "gid://shopify/Customer/" + id);
        return c;
    }

    /** One line of an order. */
    public record Line(String sku, String title, int quantity, String price) {}

    /** An order resource; {@code financialStatus} e.g. pending, paid, partially_refunded, refunded. */
    public static Map<String, Object> order(
            long id,
            Map<String, Object> customer,
            String totalPrice,
            Instant createdAt,
            Instant updatedAt,
            String financialStatus,
            Instant cancelledAt,
            List<Line> lines) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        o.put("name", "#" + (id % 100000));
        o.put("order_number", id % 100000);
        o.put("email", customer == null ? null : customer.get("email"));
        o.put("phone", null);
        o.put("created_at", createdAt.toString());
        o.put("processed_at", createdAt.toString());
        o.put("updated_at", updatedAt.toString());
        o.put("cancelled_at", cancelledAt == null ? null : cancelledAt.toString());
        o.put("cancel_reason", cancelledAt == null ? null : "customer");
        o.put("closed_at", null);
        o.put("currency", "NOK");
        o.put("presentment_currency", "NOK");
        o.put("financial_status", financialStatus);
        o.put("fulfillment_status", null);
        o.put("total_price", totalPrice);
        o.put("subtotal_price", totalPrice);
        o.put("current_total_price", totalPrice);
        o.put("total_discounts", "0.00");
        o.put("total_tax", "0.00");
        o.put("customer_locale", "nb-NO");
        o.put("checkout_token", null);
        o.put("discount_codes", List.of());
        List<Map<String, Object>> items = new ArrayList<>();
        long lineId = id * 10;
        for (Line line : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", ++lineId);
            item.put("product_id", lineId + 7);
            item.put("variant_id", lineId + 9);
            item.put("sku", line.sku());
            item.put("title", line.title());
            item.put("name", line.title());
            item.put("variant_title", null);
            item.put("vendor", "Comeback Test");
            item.put("quantity", line.quantity());
            item.put("price", line.price());
            item.put("gift_card", false);
            item.put("taxable", true);
            items.add(item);
        }
        o.put("line_items", items);
        o.put("refunds", new ArrayList<>());
        o.put("customer", customer);
        o.put("billing_address", null);
        return o;
    }

    /** A refund resource with one successful refund transaction of {@code amount}. */
    public static Map<String, Object> refund(long id, long orderId, String amount, Instant at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("order_id", orderId);
        r.put("created_at", at.toString());
        r.put("processed_at", at.toString());
        r.put("note", "Returned");
        r.put("restock", false);
        r.put("admin_graphql_api_id", "gid://shopify/Refund/" + id);
        r.put("refund_line_items", List.of());
        r.put("order_adjustments", List.of());
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("id", id + 1);
        transaction.put("order_id", orderId);
        transaction.put("kind", "refund");
        transaction.put("gateway", "bogus");
        transaction.put("status", "success");
        transaction.put("amount", amount);
        transaction.put("currency", "NOK");
        r.put("transactions", List.of(transaction));
        return r;
    }

    /** A checkout resource (checkouts/create, checkouts/update); {@code completedAt} null while it is open. */
    public static Map<String, Object> checkout(
            String token,
            Map<String, Object> customer,
            String recoveryUrl,
            String totalPrice,
            Instant createdAt,
            Instant updatedAt,
            Instant completedAt) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("id", id());
        k.put("token", token);
        k.put("cart_token", token + "-cart");
        k.put("email", customer == null ? null : customer.get("email"));
        k.put("gateway", null);
        k.put("buyer_accepts_marketing", false);
        k.put("buyer_accepts_sms_marketing", false);
        k.put("sms_marketing_phone", null);
        k.put("created_at", createdAt.toString());
        k.put("updated_at", updatedAt.toString());
        k.put("completed_at", completedAt == null ? null : completedAt.toString());
        k.put("closed_at", null);
        k.put("currency", "NOK");
        k.put("presentment_currency", "NOK");
        k.put("customer_locale", "nb-NO");
        k.put("phone", customer == null ? null : customer.get("phone"));
        k.put("total_price", totalPrice);
        k.put("subtotal_price", totalPrice);
        k.put("total_discounts", "0.00");
        k.put("line_items", List.of(Map.of("sku", "COAT-1", "title", "Kåpe", "quantity", 1, "price", totalPrice)));
        k.put("abandoned_checkout_url", recoveryUrl);
        k.put("source_name", "web");
        k.put("customer", customer);
        return k;
    }

    /** The GDPR request Shopify sends when the shop erases a customer. */
    public static Map<String, Object> redact(long customerId, String email, String phone, List<Long> orders) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("shop_id", 954889);
        r.put("shop_domain", "comeback-test.myshopify.com");
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerId);
        customer.put("email", email);
        customer.put("phone", phone);
        r.put("customer", customer);
        r.put("orders_to_redact", orders);
        return r;
    }

    /** A Shopify id no other test uses. */
    public static long id() {
        return -io.comeback.testing.TestData.negativeId();
    }
}
