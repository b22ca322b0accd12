package io.comeback.shops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the two shop APIs Comeback creates codes with, answering as their documentation describes:
 * <ul>
 *   <li>Shopify's GraphQL Admin API ({@code POST /admin/api/<version>/graphql.json}, {@code X-Shopify-Access-Token}):
 *       {@code discountCodeBasicCreate} gives {@code codeDiscountNode.id}, or {@code userErrors} with code
 *       {@code TAKEN} for a code that exists; {@code codeDiscountNodeByCode} finds a code; 503 while it is "down";</li>
 *   <li>WooCommerce's REST API ({@code /wp-json/wc/v3/coupons}, HTTP Basic with the consumer key and secret): POST
 *       gives 201 and the coupon, or 400 {@code woocommerce_rest_coupon_code_already_exists}; GET {@code ?code=}
 *       lists it.</li>
 * </ul>
 * Tests script failures: the next n creations answered 503, created but the connection dropped before the answer,
 * or refused for good.
 */
public final class FakeShopApis implements AutoCloseable {

    public static final String SHOPIFY_TOKEN = "shpat_comeback_test";
    public static final String WOO_KEY = "ck_comeback_test";
    public static final String WOO_SECRET = "cs_comeback_test";
    public static final String API_VERSION = "2025-07";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A creation request as received: the code, and the whole input. */
    public record Creation(String platform, String code, JsonNode input) {}

    /** A code the shop holds: its id and title (Shopify) or description (WooCommerce). */
    private record Held(String id, String title) {}

    private final HttpServer server;
    private final Map<String, Held> codes = new ConcurrentHashMap<>();
    private final List<Creation> creations = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger dropAfterCreating = new AtomicInteger();
    private volatile boolean refuseAll;
    private final AtomicInteger ids = new AtomicInteger(1000);

    public FakeShopApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/api/" + API_VERSION + "/graphql.json", this::shopify);
        server.createContext("/wp-json/wc/v3/coupons", this::woocommerce);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code n} creations are answered 503 (the shop is down). */
    public void unavailableFor(int n) {
        unavailable.set(n);
    }

    /** The next creation is carried out, but the connection drops before the answer. */
    public void dropAfterCreatingOnce() {
        dropAfterCreating.set(1);
    }

    /** Every creation is refused for good (the shop rejects the discount). */
    public void refuseAll(boolean refuse) {
        refuseAll = refuse;
    }

    public List<Creation> creations() {
        return new ArrayList<>(creations);
    }

    public boolean holds(String code) {
        return codes.containsKey(code);
    }

    private void shopify(HttpExchange exchange) throws IOException {
        if (!SHOPIFY_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
            answer(
                    exchange,
                    401,
                    Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"));
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String query = request.path("query").asText();
        JsonNode variables = request.path("variables");
        if (query.contains("codeDiscountNodeByCode")) {
            Held held = codes.get(variables.path("code").asText());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(
                    "codeDiscountNodeByCode",
                    held == null ? null : Map.of("id", held.id(), "codeDiscount", Map.of("title", held.title())));
            answer(exchange, 200, Map.of("data", data));
            return;
        }
        JsonNode input = variables.path("basicCodeDiscount");
        String code = input.path("code").asText();
        creations.add(new Creation("shopify", code, input));
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, Map.of("errors", "Service unavailable"));
            return;
        }
        if (refuseAll) {
            answer(
                    exchange,
                    200,
                    payload(
                            null,
                            List.of(Map.of(
                                    "field", List.of("basicCodeDiscount", "customerGets"),
                                    "code", "INVALID",
                                    "message", "Customer gets is invalid"))));
            return;
        }
        if (codes.containsKey(code)) {
            answer(
                    exchange,
                    200,
                    payload(
                            null,
                            List.of(Map.of(
                                    "field", List.of("basicCodeDiscount", "code"),
                                    "code", "TAKEN",
                                    "message", "Code must be unique. Please try a different code."))));
            return;
        }
        String id = "gid://shopify/DiscountCodeNode/" + ids.incrementAndGet();
        codes.put(code, new Held(id, input.path("title").asText()));
        if (dropAfterCreating.getAndSet(0) > 0) {
            exchange.close();
            return;
        }
        answer(exchange, 200, payload(Map.of("id", id), List.of()));
    }

    private static Map<String, Object> payload(Map<String, Object> node, List<Map<String, Object>> userErrors) {
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("codeDiscountNode", node);
        created.put("userErrors", userErrors);
        return Map.of(
                "data",
                Map.of("discountCodeBasicCreate", created),
                "extensions",
                Map.of("cost", Map.of("requestedQueryCost", 10, "actualQueryCost", 10)));
    }

    private void woocommerce(HttpExchange exchange) throws IOException {
        String expected = "Basic "
                + Base64.getEncoder().encodeToString((WOO_KEY + ":" + WOO_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(
                    exchange,
                    401,
                    Map.of(
                            "code", "woocommerce_rest_cannot_create",
                            "message", "Sorry, you are not allowed to create resources.",
                            "data", Map.of("status", 401)));
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            String query = exchange.getRequestURI().getQuery();
            String code = query == null ? "" : query.replaceFirst("^code=", "");
            Held held = codes.get(code);
            answer(
                    exchange,
                    200,
                    held == null
                            ? List.of()
                            : List.of(Map.of(
                                    "id",
                                    Integer.parseInt(held.id()),
                                    "code",
                                    code.toLowerCase(),
                                    "description",
                                    held.title())));
            return;
        }
        JsonNode coupon = JSON.readTree(exchange.getRequestBody());
        String code = coupon.path("code").asText();
        creations.add(new Creation("woocommerce", code, coupon));
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, Map.of("code", "unavailable", "message", "Service unavailable"));
            return;
        }
        if (codes.containsKey(code)) {
            answer(
                    exchange,
                    400,
                    Map.of(
                            "code", "woocommerce_rest_coupon_code_already_exists",
                            "message", "The coupon code already exists",
                            "data", Map.of("status", 400)));
            return;
        }
        String id = Integer.toString(ids.incrementAndGet());
        codes.put(code, new Held(id, coupon.path("description").asText()));
        if (dropAfterCreating.getAndSet(0) > 0) {
            exchange.close();
            return;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", Integer.parseInt(id));
        // WooCommerce keeps codes in lower case.
        created.put("code", code.toLowerCase());
        created.put("amount", coupon.path("amount").asText());
        created.put("discount_type", coupon.path("discount_type").asText());
        created.put("date_expires_gmt", coupon.path("date_expires_gmt").asText());
        created.put("usage_limit", coupon.path("usage_limit").asInt());
        answer(exchange, 201, created);
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
