package io.comeback.engine.run;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.EntryRules;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Exit;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.Goal;
import io.comeback.engine.model.LocalizedText;
import io.comeback.engine.model.Operator;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SetStep;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.TextVariant;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Wait;
import io.comeback.engine.model.WaitForReply;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds model objects in code, so interpreter tests do not depend on the parser. */
final class TestFlows {

    static final SourceLocation AT = SourceLocation.UNKNOWN;

    private TestFlows() {}

    static LocalizedText text(String nb, String en) {
        Map<String, TextVariant> variants = new LinkedHashMap<>();
        variants.put("nb", new TextVariant("nb", nb, AT));
        if (en != null) {
            variants.put("en", new TextVariant("en", en, AT));
        }
        return new LocalizedText(variants, AT);
    }

    static Optional<Target> to(String stepId) {
        return Optional.of(new Target(stepId, AT));
    }

    static Send send(String id, String nb, String en) {
        return new Send(id, Optional.empty(), text(nb, en), Optional.empty(), AT);
    }

    static Send sendWithCoupon(String id, String nb) {
        return new Send(
                id,
                Optional.empty(),
                text(nb, null),
                Optional.of(new CouponSpec("WB", 6, FlowDuration.of("P14D"), AT)),
                AT);
    }

    static Wait waitFor(String id, String duration) {
        return new Wait(
                id, Optional.empty(), Optional.of(FlowDuration.of(duration)), Optional.empty(), Optional.empty(), AT);
    }

    static Wait waitUntil(String id, String duration, LocalTime time) {
        return new Wait(
                id,
                Optional.empty(),
                Optional.ofNullable(duration).map(FlowDuration::of),
                Optional.of(time),
                Optional.empty(),
                AT);
    }

    static WaitForReply npsQuestion(String id, int maxReAsks) {
        return new WaitForReply(
                id,
                Optional.empty(),
                FlowDuration.of("P2D"),
                List.of(
                        new WaitForReply.ScoreRoute(9, 10, new Target("promoter", AT), AT),
                        new WaitForReply.ScoreRoute(0, 6, new Target("detractor", AT), AT)),
                List.of(new WaitForReply.KeywordRoute(
                        List.of("stopp meg", "nei takk"), new Target("declined", AT), AT)),
                to("passive"),
                to("no_answer"),
                maxReAsks == 0
                        ? Optional.empty()
                        : Optional.of(
                                new WaitForReply.ReAsk(text("Svar med et tall fra 0 til 10", null), maxReAsks, AT)),
                AT);
    }

    static SetStep setFrom(String id, String attribute, String variable) {
        return new SetStep(id, Optional.empty(), new SetStep.AttributeFromVariable(attribute, variable), AT);
    }

    static SetStep tag(String id, String tag, String next) {
        return new SetStep(id, Optional.ofNullable(next).flatMap(TestFlows::to), new SetStep.AddTag(tag), AT);
    }

    static Exit exit(String id, String reason) {
        return new Exit(id, reason, AT);
    }

    static Branch branchOnEvent(String id, EventType event, String then, String otherwise) {
        return new Branch(
                id,
                Optional.empty(),
                List.of(new Branch.Case(List.of(new Condition.EventHappened(event, AT)), new Target(then, AT), AT)),
                to(otherwise),
                AT);
    }

    static Branch branchOnAttribute(String id, String attribute, Operator op, String value, String then) {
        return new Branch(
                id,
                Optional.empty(),
                List.of(new Branch.Case(
                        List.of(new Condition.Compare("customer.attributes." + attribute, op, List.of(value), AT)),
                        new Target(then, AT),
                        AT)),
                Optional.empty(),
                AT);
    }

    static Flow flow(String id, Optional<EventType> goal, Step... steps) {
        EntryRules entry = new EntryRules(List.of(), new ReEntry.Never(AT), 0, goal.map(g -> new Goal(g, AT)), AT);
        return new Flow(
                id,
                id,
                "",
                "v1",
                FlowSettings.defaults(),
                new Trigger.CustomerCreated(AT),
                entry,
                Map.of(),
                List.of(steps),
                AT);
    }

    /** Kari, opted in, with this locale and time zone. */
    static CustomerView customer(String locale, String zone) {
        return customer(locale, zone, ConsentStatus.OPTED_IN, null);
    }

    /** Kari with this locale, time zone, consent and RFM scores (null: she never ordered). */
    static CustomerView customer(String locale, String zone, ConsentStatus consent, RfmScores rfm) {
        return new CustomerView(
                "c-1",
                "Kari",
                "Nordmann",
                "kari@example.com",
                "+4791234567",
                locale,
                ZoneId.of(zone),
                Map.of(),
                Set.of(),
                consent,
                rfm);
    }
}
