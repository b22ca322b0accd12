package io.comeback.messaging;

import io.comeback.messaging.port.MessageLookup;
import io.comeback.messaging.port.SmsGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import java.util.Optional;

/**
 * The gateway this node sends through: the {@code @Named} {@link SmsGateway} bean whose name is
 * {@code comeback.gateway} ({@code simulator} by default, {@code twilio} in production).
 */
@ApplicationScoped
public class Gateways {

    private final Instance<SmsGateway> gateways;
    private final Instance<MessageLookup> lookups;
    private final String configured;

    public Gateways(Instance<SmsGateway> gateways, Instance<MessageLookup> lookups, GatewayConfig config) {
        this.gateways = gateways;
        this.lookups = lookups;
        this.configured = config.name();
    }

    public String configuredName() {
        return configured;
    }

    public SmsGateway active() {
        Instance<SmsGateway> selected = gateways.select(NamedLiteral.of(configured));
        if (!selected.isResolvable()) {
            throw new IllegalStateException(
                    "comeback.gateway=" + configured + " but no @Named(\"" + configured + "\") SmsGateway bean exists");
        }
        return selected.get();
    }

    /** The active gateway's lookup, when it offers one. */
    public Optional<MessageLookup> lookup() {
        Instance<MessageLookup> selected = lookups.select(NamedLiteral.of(configured));
        return selected.isResolvable() ? Optional.of(selected.get()) : Optional.empty();
    }
}
