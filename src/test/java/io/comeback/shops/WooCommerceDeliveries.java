package io.comeback.shops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliveries as WooCommerce sends them (WC_Webhook::deliver): the REST API v3 resource as the JSON body, the
 * {@code X-WC-Webhook-*} headers (source, topic, resource, event, signature, id, delivery id), and the signature as
 * the base64 HMAC-SHA256 of the body under the webhook's secret. Dates are the API's: local and {@code _gmt}, both
 * without an offset.
 */
public final class WooCommerceDeliveries {

    /** The test profile's {@code comeback.woocommerce.webhook-secret}. */
    public static final String SECRET = "test-woocommerce-webhook-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WOO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private WooCommerceDeliveries() {}

    public record Delivery(String deliveryId, String topic, byte[] body) {

        public Response send() {
            return sendSigned(ShopifyDeliveries.signature(body, SECRET));
        }

        public Response sendSigned(String signature) {
            String[] parts = topic.split("\\.");
            var request = RestAssured.given()
                    .contentType("application/json")
                    .header("User-Agent", "WooCommerce/9.8.0 Hookshot (WordPress/6.8)")
                    .header("X-WC-Webhook-Source", "https://shop.example.com/")
                    .header("X-WC-Webhook-Topic", topic)
                    .header("X-WC-Webhook-Resource", parts[0])
                    .header("X-WC-Webhook-Event", parts.length > 1 ? parts[1] : "")
                    .header("X-WC-Webhook-ID", "17")
                    .header("X-WC-Webhook-Delivery-ID", deliveryId)
                    .body(body);
            if (signature != null) {
                request.header("X-WC-Webhook-Signature", signature);
            }
            return request.post("/webhooks/woocommerce");
        }
    }

    public static Delivery delivery(String topic, String deliveryId, Map<String, Object> resource) {
        try {
            return new Delivery(deliveryId, topic, JSON.writeValueAsBytes(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String gmt(Instant at) {
        return WOO.format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    public static Map<String, Object> customer(
            long id, String email, String phone, String firstName, Instant modified) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("date_created", gmt(modified));
        c.put("date_created_gmt", gmt(modified));
        c.put("date_modified", gmt(modified));
        c.put("date_modified_gmt", gmt(modified));
        c.put("email", email);
        c.put("first_name", firstName);
        c.put("last_name", "Nordmann");
        c.put("role", "customer");
        c.put("username", email);
        Map<String, Object> billing = new LinkedHashMap<>();
        billing.put("first_name", firstName);
        billing.put("last_name", "Nordmann");
        billing.put("company", "");
        billing.put("address_1", "Storgata 1");
        billing.put("city", "Oslo");
        billing.put("postcode", "0155");
        billing.put("country", "NO");
        billing.put("email", email);
        billing.put("phone", phone);
        c.put("billing", billing);
        c.put("shipping", Map.of());
        c.put("is_paying_customer", false);
        c.put("meta_data", List.of());
        return c;
    }

    /** An order resource; {@code customerId} 0 for a guest. */
    public static Map<String, Object> order(
            long id,
            long customerId,
            String email,
            String phone,
            String status,
            String total,
            Instant created,
            Instant modified,
            List<String> couponCodes,
            List<String> refundTotals) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("parent_id", 0);
        o.put("number", String.valueOf(id));
        o.put("order_key", "wc_order_" + id);
        o.put("created_via", "checkout");
        o.put("status", status);
        o.put("currency", "NOK");
        o.put("date_created", gmt(created));
        o.put("date_created_gmt", gmt(created));
        o.put("date_modified", gmt(modified));
        o.put("date_modified_gmt", gmt(modified));
        o.put("discount_total", "0.00");
        o.put("shipping_total", "0.00");
        o.put("total", total);
        o.put("total_tax", "0.00");
        o.put("prices_include_tax", true);
        o.put("customer_id", customerId);
        Map<String, Object> billing = new LinkedHashMap<>();
        billing.put("first_name", "Ola");
        billing.put("last_name", "Nordmann");
        billing.put("email", email);
        billing.put("phone", phone);
        billing.put("country", "NO");
        o.put("billing", billing);
        o.put("payment_method", "vipps");
        o.put("payment_url", "https://shop.example.com/checkout/order-pay/" + id + "/?pay_for_order=true");
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id * 10 + 1);
        line.put("name", "Ullsokker");
        line.put("product_id", 93);
        line.put("variation_id", 0);
        line.put("quantity", 2);
        line.put("subtotal", total);
        line.put("total", total);
        line.put("sku", "SOCK-1");
        line.put("price", 100);
        o.put("line_items", List.of(line));
        List<Map<String, Object>> coupons = new ArrayList<>();
        for (String code : couponCodes) {
            coupons.add(Map.of("id", coupons.size() + 1, "code", code, "discount", "10.00"));
        }
        o.put("coupon_lines", coupons);
        List<Map<String, Object>> refunds = new ArrayList<>();
        for (String refund : refundTotals) {
            refunds.add(Map.of("id", id * 100 + refunds.size() + 1, "reason", "", "total", refund));
        }
        o.put("refunds", refunds);
        return o;
    }
}
