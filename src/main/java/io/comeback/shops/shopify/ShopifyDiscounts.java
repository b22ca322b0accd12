package io.comeback.shops.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.shops.ShopCode;
import io.comeback.shops.ShopCodeCreator;
import io.comeback.shops.ShopCodesConfig;
import io.comeback.shops.ShopHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a code at Shopify through the GraphQL Admin API: {@code discountCodeBasicCreate}, an amount-off discount
 * on the whole order for everyone, used once, from the code's issue to its last day, titled
 * {@code Comeback <flow> <code>}. A code Shopify says is taken is looked up ({@code codeDiscountNodeByCode}): ours
 * (by its title) means an earlier attempt created it.
 */
@ApplicationScoped
public class ShopifyDiscounts implements ShopCodeCreator {

    static final String CREATE = """
            mutation discountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
              discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
                codeDiscountNode { id }
                userErrors { field code message }
              }
            }""";
    static final String FIND = """
            query codeDiscountNodeByCode($code: String!) {
              codeDiscountNodeByCode(code: $code) {
                id
                codeDiscount { ... on DiscountCodeBasic { title } }
              }
            }""";

    /** Top-level error codes that a later attempt may get past. */
    private static final List<String> PASSING = List.of("THROTTLED", "ACCESS_DENIED", "INTERNAL_SERVER_ERROR");

    private final Optional<URI> endpoint;
    private final Optional<String> token;
    private final ShopHttp http;

    public ShopifyDiscounts(ShopifyConfig config, ShopCodesConfig codes) {
        this.token = config.adminToken().filter(t -> !t.isBlank());
        this.endpoint = config.shop().filter(s -> !s.isBlank()).map(shop -> {
            String base = config.apiBaseUrl().filter(b -> !b.isBlank()).orElse("https://" + shop);
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            return URI.create(base + "/admin/api/" + config.apiVersion() + "/graphql.json");
        });
        this.http = new ShopHttp(codes.requestTimeout());
    }

    @Override
    public Result create(ShopCode code) {
        if (endpoint.isEmpty() || token.isEmpty()) {
            return new Retry("Shopify is not configured: set COMEBACK_SHOPIFY_SHOP and COMEBACK_SHOPIFY_ADMIN_TOKEN");
        }
        if (code.percentOff() == null && code.amountOff() == null) {
            return new Failed("the flow's coupon gives no discount, so Shopify cannot create it: add `discount: 20%`"
                    + " (or an amount) to the coupon");
        }
        try {
            ShopHttp.Answer answer = graphql(CREATE, Map.of("basicCodeDiscount", input(code)));
            Optional<Result> refused = refused(answer);
            if (refused.isPresent()) {
                return refused.get();
            }
            JsonNode payload = answer.body().path("data").path("discountCodeBasicCreate");
            String id = payload.path("codeDiscountNode").path("id").asText(null);
            if (id != null) {
                return new Created(id);
            }
            JsonNode errors = payload.path("userErrors");
            for (JsonNode error : errors) {
                if ("TAKEN".equals(error.path("code").asText())) {
                    return existing(code);
                }
            }
            return new Failed("Shopify refused the discount: " + errors);
        } catch (IOException e) {
            return new Retry("Shopify could not be reached: " + e.getMessage());
        }
    }

    /** The code is taken: ours if its title is. */
    private Result existing(ShopCode code) throws IOException {
        ShopHttp.Answer answer = graphql(FIND, Map.of("code", code.code()));
        Optional<Result> refused = refused(answer);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode node = answer.body().path("data").path("codeDiscountNodeByCode");
        if (!node.isMissingNode()
                && !node.isNull()
                && code.title().equals(node.path("codeDiscount").path("title").asText())) {
            return new Created(node.path("id").asText());
        }
        return new Failed("the code " + code.code() + " belongs to another discount at Shopify");
    }

    /** An answer that is no GraphQL result: worth another attempt, or not. Empty for a result. */
    private static Optional<Result> refused(ShopHttp.Answer answer) {
        if (answer.retryable() || answer.status() == 401 || answer.status() == 403) {
            return Optional.of(new Retry(ShopHttp.describe(answer)));
        }
        if (answer.status() != 200 || answer.body() == null) {
            return Optional.of(new Failed(ShopHttp.describe(answer)));
        }
        JsonNode errors = answer.body().path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            for (JsonNode error : errors) {
                if (PASSING.contains(error.path("extensions").path("code").asText())) {
                    return Optional.of(new Retry(ShopHttp.describe(answer)));
                }
            }
            return Optional.of(new Failed(ShopHttp.describe(answer)));
        }
        return Optional.empty();
    }

    private ShopHttp.Answer graphql(String query, Map<String, Object> variables) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return http.send("POST", endpoint.orElseThrow(), Map.of("X-Shopify-Access-Token", token.orElseThrow()), body);
    }

    static Map<String, Object> input(ShopCode code) {
        Map<String, Object> value = new LinkedHashMap<>();
        if (code.percentOff() != null) {
            // Shopify takes the share off as a fraction: 20 % is 0.2.
            value.put("percentage", code.percentOff().divide(BigDecimal.valueOf(100), 4, RoundingMode.UNNECESSARY));
        } else {
            value.put("discountAmount", Map.of("amount", code.amountOff().toPlainString(), "appliesOnEachItem", false));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("title", code.title());
        input.put("code", code.code());
        input.put("startsAt", code.issuedAt().toString());
        input.put("endsAt", code.expiresAt().toString());
        input.put("context", Map.of("all", "ALL"));
        input.put("customerGets", Map.of("value", value, "items", Map.of("all", true)));
        input.put("usageLimit", 1);
        input.put("appliesOncePerCustomer", true);
        return input;
    }
}
