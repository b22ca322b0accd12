package io.comeback.messaging.concurrency;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This process's {@link HandOverSlots}, with its gauges. It leases a share only once the dispatcher starts it. */
@ApplicationScoped
public class ConcurrencyBeans {

    @Produces
    @Singleton
    HandOverSlots slots(AgroalDataSource dataSource, ProviderConcurrencyConfig config, MeterRegistry metrics) {
        HandOverSlots slots = new HandOverSlots(dataSource, config, LeasedShare.processHolder());
        Gauge.builder("comeback.dispatch.in.flight", slots, s -> s.snapshot().inFlight())
                .description("sends in flight at the provider from this replica")
                .register(metrics);
        Gauge.builder("comeback.dispatch.slots", slots, s -> s.snapshot().usable())
                .description("sends this replica may have in flight: its leased share within its window")
                .register(metrics);
        Gauge.builder("comeback.dispatch.slots.leased", slots, s -> s.snapshot().leased())
                .description("this replica's share of comeback.provider-concurrency.limit")
                .register(metrics);
        Gauge.builder("comeback.dispatch.slots.window", slots, s -> s.snapshot().window())
                .description("sends in flight the provider's answers allow (shrinks on 429)")
                .register(metrics);
        FunctionCounter.builder(
                        "comeback.dispatch.throttled", slots, s -> s.snapshot().throttled())
                .description("sends the provider refused as too many at once (429 / 20429), each sent again later")
                .register(metrics);
        return slots;
    }
}
