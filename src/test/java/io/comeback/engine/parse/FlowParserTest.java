package io.comeback.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Condition;
import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.DateField;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Exit;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowDuration;
import io.comeback.engine.model.FlowFrequencyCap;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.model.Operator;
import io.comeback.engine.model.ReEntry;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SetStep;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.Trigger;
import io.comeback.engine.model.Wait;
import io.comeback.engine.model.WaitForReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser builds the model the files describe, with defaults and locations. */
class FlowParserTest {

    private final FlowParser parser = new FlowParser();

    private Flow parse(Path file) throws IOException {
        ParsedFlow parsed = parser.parse(Files.readString(file));
        assertThat(parsed.problems()).isEmpty();
        return parsed.flow().orElseThrow();
    }

    @Test
    void winbackReadsTriggerEntryCouponAndWaits() throws IOException {
        Flow flow = parse(Path.of("flows/winback.yaml"));
        assertThat(flow.id()).isEqualTo("winback");
        assertThat(flow.settings().kind()).isEqualTo(MessageKind.MARKETING);
        assertThat(flow.settings().priority()).isEqualTo(40);
        assertThat(flow.settings().maxSegments()).isEqualTo(10);
        assertThat(flow.settings().quietHours()).hasValueSatisfying(q -> {
            assertThat(q.start()).isEqualTo(LocalTime.of(21, 0));
            assertThat(q.end()).isEqualTo(LocalTime.of(8, 0));
        });
        Trigger.Inactive inactive = (Trigger.Inactive) flow.trigger();
        assertThat(inactive.rhythmFactor().getAsDouble()).isEqualTo(2.0);
        assertThat(inactive.minOrders()).isEqualTo(3);
        assertThat(inactive.noPurchaseFor()).contains(FlowDuration.of("P120D"));
        assertThat(inactive.noEngagementFor()).isEmpty();
        assertThat(flow.entry().holdoutPercent()).isEqualTo(10);
        assertThat(flow.entry().goal())
                .hasValueSatisfying(g -> assertThat(g.event()).isEqualTo(EventType.ORDERED));
        assertThat(flow.entry().reEntry())
                .isEqualTo(new ReEntry.Cooldown(
                        FlowDuration.of("P180D"), flow.entry().reEntry().location()));
        assertThat(flow.entry().audience()).hasSize(2);
        assertThat(flow.entry().audience().get(0))
                .isInstanceOf(Condition.ConsentIs.class)
                .extracting(c -> ((Condition.ConsentIs) c).status())
                .isEqualTo(ConsentStatus.OPTED_IN);
        assertThat(flow.entry().audience().get(1)).isInstanceOf(Condition.Not.class);

        Send offer = (Send) flow.steps().get(0);
        assertThat(offer.coupon()).hasValueSatisfying(c -> {
            assertThat(c.prefix()).isEqualTo("TILBAKE");
            assertThat(c.length()).isEqualTo(6);
            assertThat(c.validFor()).isEqualTo(FlowDuration.of("P14D"));
        });
        assertThat(offer.text().variants()).containsOnlyKeys("nb", "da", "sv", "en");
        assertThat(offer.location()).isEqualTo(new SourceLocation(38, 5));
        Wait wait = (Wait) flow.steps().get(1);
        assertThat(wait.duration()).contains(FlowDuration.of("P5D"));
        assertThat(wait.untilTimeOfDay()).contains(LocalTime.of(11, 0));
        assertThat(flow.steps().get(flow.steps().size() - 1))
                .isInstanceOf(Exit.class)
                .extracting(s -> ((Exit) s).reason())
                .isEqualTo("no_conversion");
        assertThat(flow.links()).containsOnlyKeys("shop");
        assertThat(flow.version()).hasSize(16);
    }

    @Test
    void feedbackReadsReplyRoutesBranchAndSet() throws IOException {
        Flow flow = parse(Path.of("flows/feedback.yaml"));
        assertThat(flow.settings().kind()).isEqualTo(MessageKind.TRANSACTIONAL);
        Trigger.OrderPlaced trigger = (Trigger.OrderPlaced) flow.trigger();
        assertThat(trigger.delay()).contains(FlowDuration.of("P5D"));
        assertThat(trigger.filters())
                .singleElement()
                .isEqualTo(new Condition.Compare(
                        "order.total",
                        Operator.ABOVE,
                        List.of("0"),
                        trigger.filters().get(0).location()));
        WaitForReply reply = (WaitForReply) flow.step("nps_reply").orElseThrow();
        assertThat(reply.timeout()).isEqualTo(FlowDuration.of("P3D"));
        assertThat(reply.scores()).singleElement().satisfies(r -> {
            assertThat(r.min()).isZero();
            assertThat(r.max()).isEqualTo(10);
            assertThat(r.target().stepId()).isEqualTo("save_score");
        });
        assertThat(reply.reAsk())
                .hasValueSatisfying(r -> assertThat(r.maxTimes()).isEqualTo(1));
        assertThat(reply.otherwise().orElseThrow().stepId()).isEqualTo("not_understood");
        assertThat(reply.onTimeout().orElseThrow().stepId()).isEqualTo("no_answer");
        SetStep save = (SetStep) flow.step("save_score").orElseThrow();
        assertThat(save.assignment()).isEqualTo(new SetStep.AttributeFromVariable("nps", "reply.score"));
        Branch route = (Branch) flow.step("route").orElseThrow();
        assertThat(route.cases()).hasSize(2);
        assertThat(route.cases().get(0).conditions())
                .singleElement()
                .satisfies(c -> assertThat(((Condition.Compare) c).test("9")).isTrue());
        assertThat(route.otherwise().orElseThrow().stepId()).isEqualTo("thank_passive");
        assertThat(((SetStep) flow.step("flag_detractor").orElseThrow()).assignment())
                .isEqualTo(new SetStep.AddTag("needs_follow_up"));
    }

    @Test
    void welcomeReadsKeywordsAndDefaults() throws IOException {
        Flow flow = parse(Path.of("flows/welcome.yaml"));
        assertThat(flow.trigger()).isInstanceOf(Trigger.CustomerCreated.class);
        assertThat(flow.entry().reEntry()).isInstanceOf(ReEntry.Never.class);
        WaitForReply reply = (WaitForReply) flow.step("interest_reply").orElseThrow();
        assertThat(reply.keywords()).hasSize(3);
        assertThat(reply.keywords().get(1).words())
                .containsExactly("klær", "klaer", "tøj", "toj", "kläder", "klader", "clothes", "2");
        assertThat(flow.successorOf(flow.step("likes_shoes").orElseThrow()).map(s -> s.id()))
                .contains("thanks");
        assertThat(flow.successorOf(flow.step("likes_everything").orElseThrow()).map(s -> s.id()))
                .contains("thanks");
        assertThat(flow.successorOf(flow.step("done").orElseThrow())).isEmpty();
    }

    @Test
    void dateAndKeywordTriggersAndConditionVariants() throws IOException {
        Flow birthday = parse(Path.of("src/test/resources/flows/valid/birthday.yaml"));
        assertThat(birthday.trigger())
                .isEqualTo(new Trigger.DateTrigger(
                        DateField.attribute("birthday"),
                        LocalTime.of(9, 30),
                        0,
                        true,
                        birthday.trigger().location()));
        Wait until = (Wait) birthday.step("until_day_after").orElseThrow();
        assertThat(until.untilDate()).hasValueSatisfying(d -> {
            assertThat(d.attribute()).isEqualTo("birthday");
            assertThat(d.at()).isEqualTo(LocalTime.of(12, 0));
            assertThat(d.offsetDays()).isEqualTo(1);
        });
        assertThat(birthday.entry().goal().orElseThrow().event()).isEqualTo(EventType.ORDERED);
        assertThat(birthday.settings().defaultLocale()).isEqualTo("en");

        Flow keyword = parse(Path.of("src/test/resources/flows/valid/keyword-offer.yaml"));
        assertThat(keyword.trigger())
                .isEqualTo(new Trigger.Keyword(
                        List.of("TILBUD", "OFFER"), keyword.trigger().location()));
        assertThat(keyword.settings().quietHours()).isEmpty();
        assertThat(keyword.entry().reEntry()).isInstanceOf(ReEntry.Always.class);
        Branch route = (Branch) keyword.steps().get(0);
        Condition.Not not = (Condition.Not) route.cases().get(0).conditions().get(1);
        assertThat(not.condition())
                .isEqualTo(new Condition.Compare(
                        "customer.attributes.country",
                        Operator.NOT_EQUALS,
                        List.of("NO", "SE", "DK"),
                        not.condition().location()));
        assertThat(route.cases().get(1).conditions()).singleElement().isInstanceOf(Condition.AnyOf.class);
    }

    @Test
    void literalBlockTextsKeepTheirLines() throws IOException {
        Flow flow = parse(Path.of("src/test/resources/flows/valid/order-vip.yaml"));
        Send thanks = (Send) flow.step("thanks").orElseThrow();
        var nb = thanks.text().variants().get("nb");
        assertThat(nb.template()).startsWith("Hei {{ customer.firstName | der }}!\nTakk for ordre");
        int orderId = nb.template().indexOf("{{ order.id }}");
        assertThat(nb.locate(orderId)).isEqualTo(new SourceLocation(27, 26));
    }

    @Test
    void sameTextSameVersionAndAnyEditANewOne() {
        String a = "id: a\ntrigger: customer_created\nsteps: [{id: x, exit: done}]\n";
        String version = parser.parse(a).flow().orElseThrow().version();
        assertThat(parser.parse(a).flow().orElseThrow().version()).isEqualTo(version);
        assertThat(parser.parse(a + "# edited\n").flow().orElseThrow().version())
                .isNotEqualTo(version);
    }

    @Test
    void emptyFileAndNonMappingAreReported() {
        assertThat(parser.parse("").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("The file is empty"));
        assertThat(parser.parse("- just\n- a list\n").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Expected a flow file as a mapping"));
        assertThat(parser.parse("id: a\n---\nid: b\n").problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("One flow per file");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void tabsAreExplained() {
        assertThat(parser.parse("id: a\nsteps:\n\t- id: x\n").problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).contains("tab");
                    assertThat(p.line()).isEqualTo(3);
                });
    }

    @Test
    void frequencyCapReadsMaxWindowAndWhatToDoWhenCapped() {
        ParsedFlow parsed = parser.parse("""
                id: capped
                settings:
                  priority: 70
                  frequency_cap: { max: 2, per: P7D, max_delay: P1D }
                trigger: customer_created
                steps:
                  - id: hello
                    send:
                      text: "Hei! Svar STOPP for å melde deg av."
                """);
        assertThat(parsed.problems()).isEmpty();
        FlowFrequencyCap cap =
                parsed.flow().orElseThrow().settings().frequencyCap().orElseThrow();
        assertThat(cap.max()).isEqualTo(2);
        assertThat(cap.per()).isEqualTo(FlowDuration.of("P7D"));
        assertThat(cap.skipWhenCapped()).isFalse();
        assertThat(cap.maxDelay()).contains(FlowDuration.of("P1D"));
        assertThat(cap.location().line()).isEqualTo(4);

        FlowFrequencyCap skip =
                parser.parse("""
                id: capped
                settings: { frequency_cap: { max: 1, per: PT12H, when_capped: skip } }
                trigger: customer_created
                steps:
                  - id: hello
                    send:
                      text: "Hei! Svar STOPP for å melde deg av."
                """).flow().orElseThrow().settings().frequencyCap().orElseThrow();
        assertThat(skip.skipWhenCapped()).isTrue();
        assertThat(skip.maxDelay()).isEmpty();
        assertThat(parser.parse("""
                id: uncapped
                trigger: customer_created
                steps:
                  - id: hello
                    send:
                      text: "Hei! Svar STOPP for å melde deg av."
                """).flow().orElseThrow().settings().frequencyCap())
                .isEmpty();
    }

    @Test
    void anAnchorUsedInsideItselfIsAProblemNotAnEndlessWalk() {
        ParsedFlow parsed = parser.parse("""
                id: recursive
                trigger: customer_created
                entry:
                  audience: &loop
                    - any: *loop
                steps:
                  - id: hello
                    send:
                      text: "Hei!"
                """);
        assertThat(parsed.flow()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("&loop is used inside itself");
        });
    }

    @Test
    void aliasesThatMultiplyTheFileAreRefused() {
        StringBuilder bomb =
                new StringBuilder("id: bomb\ntrigger: customer_created\nlinks:\n  l0: &l0 [{tag: a}, {tag: a}]\n");
        for (int i = 1; i <= 30; i++) {
            bomb.append("  l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [*l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append("]\n");
        }
        bomb.append("steps:\n  - id: hello\n    send: {text: Hei}\n");
        ParsedFlow parsed = parser.parse(bomb.toString());
        assertThat(parsed.flow()).isEmpty();
        assertThat(parsed.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("through aliases (*name) more than 20 times"));
    }

    @Test
    void manyElementsEvenWithoutAliasesAreRefusedWithTheirPlace() {
        String words = "x, ".repeat(100_001);
        ParsedFlow parsed = parser.parse("id: wide\ntrigger:\n  keyword:\n    words: [" + words + "x]\nsteps: []\n");
        assertThat(parsed.flow()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("more than 100000 elements");
        });
    }
}
