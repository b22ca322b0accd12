package io.comeback.web.access;

import io.comeback.gateway.twilio.TwilioWebhookResource;
import io.comeback.shops.shopify.ShopifyWebhookResource;
import io.comeback.shops.woocommerce.WooCommerceWebhookResource;
import io.comeback.web.ReferralLinkResource;
import io.comeback.web.ShortLinkResource;
import io.comeback.web.dashboard.LoginResource;
import java.util.Set;

/**
 * The short list of resources anyone may call. Each one carries its own proof of who is calling (a provider's
 * signature or a shop's), is how a person proves it (the login form), or is a link sent to people who carry no key (short and
 * referral links: they only redirect, and their codes are too many to guess). Every other resource needs an API key
 * or a dashboard session: a new resource is closed until it is added here on purpose.
 */
final class PublicRoutes {

    private static final Set<Class<?>> OPEN = Set.of(
            TwilioWebhookResource.class, // X-Twilio-Signature, checked before anything is stored
            LoginResource.class, // the login and logout forms themselves
            ShortLinkResource.class, // /l/<code> in texts: a redirect; 71-bit codes, one 404 for every wrong one
            ShopifyWebhookResource
                    .class, // signed by the shop: X-Shopify-Hmac-Sha256, checked before anything is stored
            WooCommerceWebhookResource.class, // signed by the shop: X-WC-Webhook-Signature, likewise
            ReferralLinkResource.class); // /r/<code> shared with friends: a redirect to the shop's landing page

    private PublicRoutes() {}

    static boolean isPublic(Class<?> resource) {
        return OPEN.contains(resource);
    }
}
