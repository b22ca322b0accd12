package io.comeback.gateway;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes {@code @Inject SmsGateway} the gateway named by {@code comeback.gateway} ({@code COMEBACK_GATEWAY}).
 * Each adapter is a bean qualified {@code @Identifier("<name>")} (so it never competes for the
 * unqualified injection point), and only the selected one is ever created: choosing the simulator
 * does not require Twilio credentials, and vice versa.
 */
@ApplicationScoped
public class GatewaySelection {

    /** A singleton, not a proxied scope: callers may test the gateway for {@link MessageStatusLookup}. */
    @Produces
    @Singleton
    SmsGateway selected(@ConfigProperty(name = "comeback.gateway", defaultValue = "simulator") String name,
                        @Any Instance<SmsGateway> gateways) {
        Instance<SmsGateway> named = gateways.select(Identifier.Literal.of(name.trim().toLowerCase()));
        if (!named.isResolvable()) {
            throw new IllegalStateException("COMEBACK_GATEWAY=" + name + " names no gateway; this build has "
                    + gateways.handlesStream()
                    .flatMap(h -> h.getBean().getQualifiers().stream())
                    .filter(Identifier.class::isInstance)
                    .map(q -> ((Identifier) q).value())
                    .sorted().toList());
        }
        return named.get();
    }
}
