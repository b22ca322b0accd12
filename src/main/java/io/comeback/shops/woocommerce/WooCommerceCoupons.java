package io.comeback.shops.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.shops.ShopCode;
import io.comeback.shops.ShopCodeCreator;
import io.comeback.shops.ShopCodesConfig;
import io.comeback.shops.ShopHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a code at WooCommerce through its REST API ({@code POST /wp-json/wc/v3/coupons}, HTTP Basic with the API
 * key): a percentage or fixed-cart coupon, used once, on its own, until the code's last day, described as
 * {@code Comeback <flow> <code>}. A code WooCommerce says exists is looked up ({@code GET …/coupons?code=}): ours (by
 * its description) means an earlier attempt created it.
 */
@ApplicationScoped
public class WooCommerceCoupons implements ShopCodeCreator {

    static final String COUPONS = "/wp-json/wc/v3/coupons";
    private static final String EXISTS = "woocommerce_rest_coupon_code_already_exists";
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Optional<String> base;
    private final Optional<String> authorization;
    private final ShopHttp http;

    public WooCommerceCoupons(WooCommerceConfig config, ShopCodesConfig codes) {
        this.base =
                config.url().filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.authorization = config.key()
                .filter(k -> !k.isBlank())
                .flatMap(key -> config.secret()
                        .filter(s -> !s.isBlank())
                        .map(secret -> "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8))));
        this.http = new ShopHttp(codes.requestTimeout());
    }

    @Override
    public Result create(ShopCode code) {
        if (base.isEmpty() || authorization.isEmpty()) {
            return new Retry("WooCommerce is not configured: set COMEBACK_WOOCOMMERCE_URL, _KEY and _SECRET");
        }
        if (code.percentOff() == null && code.amountOff() == null) {
            return new Failed("the flow's coupon gives no discount, so WooCommerce cannot create it: add `discount:"
                    + " 20%` (or an amount) to the coupon");
        }
        try {
            ShopHttp.Answer answer = http.send("POST", URI.create(base.get() + COUPONS), headers(), coupon(code));
            if (answer.status() == 201 || answer.status() == 200) {
                return new Created(answer.body().path("id").asText());
            }
            if (answer.body() != null
                    && EXISTS.equals(answer.body().path("code").asText())) {
                return existing(code);
            }
            return refused(answer);
        } catch (IOException e) {
            return new Retry("WooCommerce could not be reached: " + e.getMessage());
        }
    }

    private Result existing(ShopCode code) throws IOException {
        URI find = URI.create(base.get() + COUPONS + "?code=" + URLEncoder.encode(code.code(), StandardCharsets.UTF_8));
        ShopHttp.Answer answer = http.send("GET", find, headers(), null);
        if (answer.status() != 200 || answer.body() == null) {
            return refused(answer);
        }
        for (JsonNode coupon : answer.body()) {
            if (code.code().equalsIgnoreCase(coupon.path("code").asText())
                    && code.title().equals(coupon.path("description").asText())) {
                return new Created(coupon.path("id").asText());
            }
        }
        return new Failed("the code " + code.code() + " belongs to another coupon at WooCommerce");
    }

    private static Result refused(ShopHttp.Answer answer) {
        if (answer.retryable() || answer.status() == 401 || answer.status() == 403) {
            return new Retry(ShopHttp.describe(answer));
        }
        return new Failed(ShopHttp.describe(answer));
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", authorization.orElseThrow());
    }

    static Map<String, Object> coupon(ShopCode code) {
        Map<String, Object> coupon = new LinkedHashMap<>();
        coupon.put("code", code.code());
        boolean percent = code.percentOff() != null;
        coupon.put("discount_type", percent ? "percent" : "fixed_cart");
        coupon.put("amount", (percent ? code.percentOff() : code.amountOff()).toPlainString());
        coupon.put("individual_use", true);
        coupon.put("usage_limit", 1);
        coupon.put("usage_limit_per_user", 1);
        coupon.put("date_expires_gmt", GMT.format(code.expiresAt().atOffset(ZoneOffset.UTC)));
        coupon.put("description", code.title());
        return coupon;
    }
}
