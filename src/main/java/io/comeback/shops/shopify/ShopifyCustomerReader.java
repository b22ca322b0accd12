package io.comeback.shops.shopify;

import static io.comeback.shops.ShopJson.instant;
import static io.comeback.shops.ShopJson.object;
import static io.comeback.shops.ShopJson.required;
import static io.comeback.shops.ShopJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.shops.ShopCustomer;
import io.comeback.shops.ShopPlatform;
import java.time.Instant;

/** Shopify's customer resource, and the customer an order or checkout names, read into a {@link ShopCustomer}. */
final class ShopifyCustomerReader {

    private static final ShopPlatform SHOPIFY = ShopPlatform.SHOPIFY;

    private ShopifyCustomerReader() {}

    static ShopCustomer customer(JsonNode c, String locale) {
        String id = required(c, "id");
        String phone = text(c, "phone");
        if (phone == null) {
            phone = text(object(c, "default_address"), "phone");
        }
        return new ShopCustomer(
                id,
                SHOPIFY.externalId(id),
                text(c, "email"),
                phone,
                text(c, "first_name"),
                text(c, "last_name"),
                locale,
                instant(c, "updated_at"),
                consent(object(c, "sms_marketing_consent"), instant(c, "updated_at")));
    }

    /**
     * {@code subscribed} is an opt-in, {@code unsubscribed} an opt-out; {@code not_subscribed}, {@code pending}
     * (double opt-in not confirmed yet) and {@code redacted} say nothing Comeback may act on.
     */
    static ShopCustomer.Consent consent(JsonNode sms, Instant updatedAt) {
        String state = text(sms, "state");
        if (state == null) {
            return null;
        }
        ConsentStatus status = switch (state.toLowerCase(java.util.Locale.ROOT)) {
            case "subscribed" -> ConsentStatus.OPTED_IN;
            case "unsubscribed" -> ConsentStatus.OPTED_OUT;
            default -> null;
        };
        if (status == null) {
            return null;
        }
        Instant at = instant(sms, "consent_updated_at");
        StringBuilder source = new StringBuilder("shopify");
        String from = text(sms, "consent_collected_from");
        String level = text(sms, "opt_in_level");
        if (from != null) {
            source.append(" (").append(from.toLowerCase(java.util.Locale.ROOT));
            source.append(level == null ? ")" : ", " + level + ")");
        }
        return new ShopCustomer.Consent(status, at != null ? at : updatedAt, source.toString());
    }

    static ShopCustomer withFallbacks(ShopCustomer c, String email, String phone) {
        return new ShopCustomer(
                c.shopId(),
                c.newExternalId(),
                c.email() != null ? c.email() : email,
                c.phone() != null ? c.phone() : phone,
                c.firstName(),
                c.lastName(),
                c.locale(),
                c.updatedAt(),
                c.consent());
    }

    static ShopCustomer withConsent(ShopCustomer c, ShopCustomer.Consent consent) {
        return new ShopCustomer(
                c.shopId(),
                c.newExternalId(),
                c.email(),
                c.phone(),
                c.firstName(),
                c.lastName(),
                c.locale(),
                c.updatedAt(),
                consent);
    }
}
