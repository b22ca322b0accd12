package io.comeback.engine.run;

import io.comeback.engine.model.Condition;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.WaitForReply;
import io.comeback.engine.run.EnrollmentState.Status;
import io.comeback.engine.text.InboundKeywords;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The flow engine: a pure function from (flow, enrollment state, event, now, customer) to a new
 * state and the decisions to carry out. It reads no clock, database or network, so the runtime,
 * the simulator and tests all get the same answers. Thread-safe.
 *
 * <p>Rules beyond the step semantics documented on the model:
 * <ul>
 *   <li>The flow's goal event exits from any step with {@link ExitReason#GOAL_REACHED}.</li>
 *   <li>A reply that is only an opt-out word (STOP, STOPP, AVMELD…) exits with
 *       {@link ExitReason#OPTED_OUT}; so does a marketing send to a customer who opted out.</li>
 *   <li>A {@link FlowEvent.Woke} before the enrollment's {@code wakeAt} is stale and ignored,
 *       so the runtime may deliver timers late or twice.</li>
 * </ul>
 */
public final class FlowInterpreter {

    private final Map<String, String> globals;
    private final Sender sender;
    private final StepWalker walker;

    /** Links left as written ({@link TextLinks#untracked()}). */
    public FlowInterpreter(CouponCodes coupons, Map<String, String> globals) {
        this(coupons, TextLinks.untracked(), globals);
    }

    /**
     * @param links   what {@code {{ link.* }}} and {@code {{ referral.* }}} become in a text being sent
     * @param globals service-wide variables such as {@code shop.name}
     */
    public FlowInterpreter(CouponCodes coupons, TextLinks links, Map<String, String> globals) {
        this.globals = Map.copyOf(globals);
        this.sender = new Sender(coupons, links, this.globals);
        this.walker = new StepWalker(sender, this.globals);
    }

    Map<String, String> globals() {
        return globals;
    }

    public StepResult interpret(Flow flow, EnrollmentState state, FlowEvent event, Instant now, CustomerView customer) {
        if (state.isExited() || (state.status() == Status.NEW && !(event instanceof FlowEvent.Started))) {
            return StepResult.unchanged(state);
        }
        Run run = new Run(flow, state, now, customer);
        if (event instanceof FlowEvent.Started started) {
            if (state.status() == Status.NEW) {
                run.variables.putAll(started.context());
                start(run);
            }
            return run.result();
        }
        Optional<EventType> happened = eventType(event);
        happened.ifPresent(run.eventsSeen::add);
        if (event instanceof FlowEvent.Replied replied) {
            run.variables.put("reply.text", replied.body());
        }
        if (isGoal(flow, event, happened)) {
            run.exit(ExitReason.GOAL_REACHED);
        } else if (event instanceof FlowEvent.OptedOut || isOptOutReply(event)) {
            run.exit(ExitReason.OPTED_OUT);
        } else if (event instanceof FlowEvent.Replied replied && run.status == Status.WAITING_REPLY) {
            onReply(run, currentStep(run), replied.body());
        } else if (event instanceof FlowEvent.Woke && run.wakeAt != null && !now.isBefore(run.wakeAt)) {
            onWake(run, currentStep(run));
        }
        return run.result();
    }

    /**
     * Whether the customer may enter the flow: its audience conditions and, for {@code order_placed},
     * the trigger's filters, evaluated with the trigger's variables ({@code order.total}…) at {@code at}.
     * Re-entry and holdout are the runtime's (they need the customer's history).
     */
    public boolean admits(Flow flow, CustomerView customer, Map<String, String> context, Instant at) {
        java.util.List<Condition> conditions =
                new java.util.ArrayList<>(flow.entry().audience());
        if (flow.trigger() instanceof Trigger.OrderPlaced orderPlaced) {
            conditions.addAll(orderPlaced.filters());
        }
        if (flow.trigger() instanceof io.comeback.engine.model.Trigger.EventTrigger eventTrigger) {
            conditions.addAll(eventTrigger.filters());
        }
        return holds(flow, conditions, customer, context, at);
    }

    /**
     * Whether all {@code conditions} hold for the customer before entering {@code flow} (its links, no event
     * seen yet), with the trigger's variables {@code context}: a trigger's own filters, or a segment.
     */
    public boolean holds(
            Flow flow,
            java.util.List<io.comeback.engine.model.Condition> conditions,
            CustomerView customer,
            Map<String, String> context,
            Instant at) {
        Run run = new Run(flow, EnrollmentState.enroll(flow.id(), flow.version(), at), at, customer);
        run.variables.putAll(context);
        return ConditionEvaluator.all(conditions, run, new VariableLookup(run, globals));
    }

    private void start(Run run) {
        Optional<Step> first = run.flow.firstStep();
        if (first.isEmpty()) {
            run.exit(ExitReason.COMPLETED);
            return;
        }
        walker.walk(run, first.get());
    }

    private void onWake(Run run, Step step) {
        switch (run.status) {
            case WAITING_TIMER -> walker.jump(run, step, Optional.empty());
            case WAITING_REPLY -> walker.jump(run, step, ((WaitForReply) step).onTimeout());
            case DEFERRED_SEND -> walker.walk(run, step);
            case DEFERRED_RE_ASK -> reAsk(run, (WaitForReply) step);
            default -> {}
        }
    }

    private void onReply(Run run, Step step, String body) {
        WaitForReply waitForReply = (WaitForReply) step;
        Optional<ReplyRouter.Route> route = ReplyRouter.route(waitForReply, body, run);
        if (route.isPresent()) {
            run.reAsks = 0;
            walker.jump(run, waitForReply, route.get().target());
        } else if (waitForReply.reAsk().isPresent()
                && run.reAsks < waitForReply.reAsk().get().maxTimes()) {
            run.reAsks++;
            reAsk(run, waitForReply);
        } else {
            run.reAsks = 0;
            walker.jump(run, waitForReply, waitForReply.otherwise());
        }
    }

    private void reAsk(Run run, WaitForReply step) {
        if (sender.reAsk(run, step.id(), step.reAsk().orElseThrow().text())) {
            walker.awaitReply(run, step);
        }
    }

    private static Step currentStep(Run run) {
        return run.flow
                .step(run.stepId)
                .orElseThrow(() -> new IllegalStateException("Enrollment waits at step '" + run.stepId
                        + "', which flow " + run.flow.id() + " version " + run.flow.version() + " does not have"));
    }

    private static boolean isOptOutReply(FlowEvent event) {
        return event instanceof FlowEvent.Replied replied && InboundKeywords.DEFAULT.isOptOut(replied.body());
    }

    /** The flow's goal: a known event, or a recorded event type ({@code goal: {event: wishlist_added}}). */
    private static boolean isGoal(Flow flow, FlowEvent event, Optional<EventType> happened) {
        return flow.entry()
                .goal()
                .map(g -> g.event() != null
                        ? happened.isPresent() && g.event() == happened.get()
                        : event instanceof FlowEvent.Custom custom
                                && g.customEvent().equals(custom.name()))
                .orElse(false);
    }

    private static Optional<EventType> eventType(FlowEvent event) {
        if (event instanceof FlowEvent.Ordered) {
            return Optional.of(EventType.ORDERED);
        } else if (event instanceof FlowEvent.Clicked) {
            return Optional.of(EventType.CLICKED);
        } else if (event instanceof FlowEvent.Replied) {
            return Optional.of(EventType.REPLIED);
        } else if (event instanceof FlowEvent.SiteVisit) {
            return Optional.of(EventType.SITE_VISIT);
        }
        return Optional.empty();
    }
}
