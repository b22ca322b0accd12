package io.comeback.web.access;

import io.comeback.gateway.twilio.TwilioWebhookResource;
import io.comeback.web.dashboard.LoginResource;
import java.util.Set;

/**
 * The short list of resources anyone may call. Each one carries its own proof of who is calling (a provider's
 * signature) or is how a person proves it (the login form). Every other resource needs an API key or a
 * dashboard session: a new resource is closed until it is added here on purpose.
 */
final class PublicRoutes {

    private static final Set<Class<?>> OPEN = Set.of(
            TwilioWebhookResource.class, // X-Twilio-Signature, checked before anything is stored
            LoginResource.class); // the login and logout forms themselves

    private PublicRoutes() {}

    static boolean isPublic(Class<?> resource) {
        return OPEN.contains(resource);
    }
}
