package io.comeback.engine.run;

import io.comeback.engine.model.Flow;
import io.comeback.engine.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Time travel: runs one customer through a flow on a {@link SettableClock}, feeding the
 * interpreter the timeline's events and its own timers in time order, and records every decision
 * with its timestamp. Carries out what the runtime would (stores attributes and tags on the
 * simulated customer) but sends nothing. An event at the same instant as a timer comes first.
 */
public final class FlowSimulator {

    /** A runaway flow stops the simulation here rather than filling memory. */
    static final int MAX_ENTRIES = 10_000;

    private final FlowInterpreter interpreter;
    private final Duration rhythmFloor;

    /** @param rhythmFloor the shortest personal-rhythm window, as the service's {@code comeback.inactivity.rhythm-floor} */
    public FlowSimulator(FlowInterpreter interpreter, Duration rhythmFloor) {
        this.interpreter = interpreter;
        this.rhythmFloor = rhythmFloor;
    }

    /** Deterministic coupon codes, the given shop name and the scenario runner's rhythm floor. */
    public static FlowSimulator withDefaults(String shopName) {
        return withDefaults(shopName, PurchaseRhythm.SCENARIO_FLOOR);
    }

    /** Deterministic coupon codes, the given shop name and rhythm floor (the service passes its setting). */
    public static FlowSimulator withDefaults(String shopName, Duration rhythmFloor) {
        return new FlowSimulator(
                new FlowInterpreter(CouponCodes.deterministic(), Map.of("shop.name", shopName)), rhythmFloor);
    }

    /** @throws InvalidSimulationException when the request cannot be simulated (bad zone, event type, times) */
    public SimulationResponse simulate(Flow flow, SimulationRequest request) {
        SimulatedCustomer.check(request);
        CustomerView customer = SimulatedCustomer.view(request.customer());
        ZoneId zone = customer.timeZone();
        List<SimulationRequest.Event> events = new ArrayList<>(request.events());
        events.sort(Comparator.comparing(SimulationRequest.Event::at));
        List<TimelineEntry> timeline = new ArrayList<>();

        // The facts as of start: what a trigger's filters test (the entry below recomputes them for its moment).
        SimulatedOrders history = new SimulatedOrders(SimulatedCustomer.factOrders(request), zone);
        customer = customer.withFacts(history.factsAt(request.start(), events));
        Optional<EntryPlanner.Entry> planned =
                EntryPlanner.plan(flow, request, events, customer, interpreter, rhythmFloor, history);
        if (planned.isEmpty() || planned.get().at().isAfter(request.until())) {
            return new SimulationResponse(timeline, customer.facts().values(zone, request.start()));
        }
        EntryPlanner.Entry entry = planned.get();
        customer = customer.withFacts(history.factsAt(entry.at(), events, entry.firstEvent()));
        Map<String, String> factsAtEntry = customer.facts().values(zone, entry.at());
        if (entry.confirmedConsent()) {
            customer = customer.withConsent(io.comeback.engine.model.ConsentStatus.OPTED_IN);
        }
        timeline.add(new TimelineEntry(entry.at(), TimelineEntry.ENTER, null, null, null, null, entry.reason()));
        if (!SimulatedCustomer.admitted(flow, customer, entry, interpreter)) {
            timeline.add(new TimelineEntry(entry.at(), TimelineEntry.EXIT, null, null, null, null, "not_in_audience"));
            return new SimulationResponse(timeline, factsAtEntry);
        }

        SettableClock clock = new SettableClock(entry.at());
        EnrollmentState state = EnrollmentState.enroll(flow.id(), flow.version(), entry.at());
        Progress current = new Progress(state, customer);
        current = apply(flow, current, entry.started(), clock, timeline);
        int next = entry.firstEvent();
        while (!current.state.isExited() && timeline.size() < MAX_ENTRIES) {
            Instant wake = current.state.isWaiting() ? current.state.wakeAt() : null;
            Instant eventAt = next < events.size() ? events.get(next).at() : null;
            Instant at = earliest(eventAt, wake);
            if (at == null || at.isAfter(request.until())) {
                break;
            }
            clock.set(at);
            FlowEvent event;
            if (at.equals(eventAt)) {
                SimulationRequest.Event happened = events.get(next++);
                if ("order".equals(happened.type())) {
                    // The runtime folds an order into the facts before the enrollment hears of it.
                    history.add(happened);
                    current = new Progress(current.state, current.customer.withFacts(history.facts()));
                }
                event = SimulatedCustomer.event(happened);
            } else {
                event = new FlowEvent.Woke(at);
            }
            current = apply(flow, current, event, clock, timeline);
        }
        return new SimulationResponse(timeline, factsAtEntry);
    }

    private record Progress(EnrollmentState state, CustomerView customer) {}

    private Progress apply(
            Flow flow, Progress current, FlowEvent event, SettableClock clock, List<TimelineEntry> timeline) {
        Instant now = clock.instant();
        StepResult result = interpreter.interpret(flow, current.state, event, now, current.customer);
        CustomerView customer = current.customer;
        for (Decision decision : result.decisions()) {
            TimelineEntry entry = TimelineEntry.of(now, decision);
            if (entry != null) {
                timeline.add(entry);
            }
            customer = store(customer, decision);
        }
        return new Progress(result.state(), customer);
    }

    /** What the runtime does with attribute and tag decisions: write them onto the customer. */
    private static CustomerView store(CustomerView customer, Decision decision) {
        if (decision instanceof Decision.SetAttribute set) {
            return customer.withAttribute(set.name(), set.value());
        }
        if (decision instanceof Decision.AddTag || decision instanceof Decision.RemoveTag) {
            Set<String> tags = new LinkedHashSet<>(customer.tags());
            if (decision instanceof Decision.AddTag add) {
                tags.add(add.tag());
            } else {
                tags.remove(((Decision.RemoveTag) decision).tag());
            }
            return customer.withTags(tags);
        }
        return customer;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isBefore(a) ? a : b;
    }
}
