package io.comeback.engine.run;

import static io.comeback.engine.run.TestFlows.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.EventType;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Operator;
import io.comeback.engine.model.Wait;
import io.comeback.engine.run.Decision.SendPurpose;
import io.comeback.engine.run.EnrollmentState.Status;
import io.comeback.engine.text.SmsSegments.Encoding;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowInterpreterTest {

    private static final FlowInterpreter INTERPRETER =
            new FlowInterpreter(CouponCodes.deterministic(), Map.of("shop.name", "Fjellsport"));

    /** Feeds events one at a time, keeping the state between calls as the runtime would. */
    static final class Enrollment {
        final Flow flow;
        CustomerView customer;
        EnrollmentState state;

        Enrollment(Flow flow, CustomerView customer, Instant at) {
            this.flow = flow;
            this.customer = customer;
            this.state = EnrollmentState.enroll(flow.id(), flow.version(), at);
        }

        List<Decision> feed(FlowEvent event, String at) {
            StepResult result = INTERPRETER.interpret(flow, state, event, Instant.parse(at), customer);
            state = result.state();
            return result.decisions();
        }

        List<Decision> wake(String at) {
            return feed(new FlowEvent.Woke(Instant.parse(at)), at);
        }
    }

    private static Enrollment start(Flow flow, CustomerView customer, String at) {
        Enrollment enrollment = new Enrollment(flow, customer, Instant.parse(at));
        enrollment.feed(FlowEvent.Started.plain(), at);
        return enrollment;
    }

    private static Flow welcome() {
        return flow(
                "welcome",
                Optional.empty(),
                send(
                        "hello",
                        "Hei {{ customer.firstName | der }}! Velkommen til {{ shop.name }}.",
                        "Hi {{ customer.firstName | there }}! Welcome to {{ shop.name }}."),
                waitFor("pause", "P2D"),
                send("prefs", "Hva liker du best? Svar SKI eller TUR.", "What do you like? Reply SKI or HIKE."));
    }

    @Test
    void sendsRightAwayOutsideQuietHoursAndThenWaits() {
        Enrollment e =
                new Enrollment(welcome(), customer("nb-NO", "Europe/Oslo"), Instant.parse("2026-06-15T10:00:00Z"));
        List<Decision> decisions = e.feed(FlowEvent.Started.plain(), "2026-06-15T10:00:00Z");

        assertThat(decisions).hasSize(2);
        Decision.Send hello = (Decision.Send) decisions.get(0);
        assertThat(hello.text()).isEqualTo("Hei Kari! Velkommen til Fjellsport.");
        assertThat(hello.locale()).isEqualTo("nb");
        assertThat(hello.ledgerKey()).isEqualTo("hello#1");
        assertThat(hello.segments().encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(decisions.get(1)).isEqualTo(new Decision.WakeAt(Instant.parse("2026-06-17T10:00:00Z")));
        assertThat(e.state.status()).isEqualTo(Status.WAITING_TIMER);
        assertThat(e.state.stepId()).isEqualTo("pause");

        assertThat(e.wake("2026-06-17T10:00:00Z"))
                .satisfiesExactly(
                        d -> assertThat(((Decision.Send) d).stepId()).isEqualTo("prefs"),
                        d -> assertThat(d).isEqualTo(new Decision.Exit(ExitReason.COMPLETED, "completed", "prefs")));
        assertThat(e.state.isExited()).isTrue();
    }

    @Test
    void sendInsideQuietHoursIsDeferredToTheWindowEndAndSentOnWake() {
        // 23:30 in Oslo (summer, UTC+2)
        Enrollment e = start(welcome(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T21:30:00Z");
        Instant eight = Instant.parse("2026-06-16T06:00:00Z");
        assertThat(e.state.status()).isEqualTo(Status.DEFERRED_SEND);
        assertThat(e.state.wakeAt()).isEqualTo(eight);

        assertThat(e.wake("2026-06-16T05:00:00Z"))
                .as("an early wake is ignored")
                .isEmpty();
        List<Decision> atEight = e.wake("2026-06-16T06:00:00Z");
        assertThat(atEight.get(0))
                .isInstanceOfSatisfying(
                        Decision.Send.class, s -> assertThat(s.text()).startsWith("Hei Kari!"));
        assertThat(atEight.get(1)).isEqualTo(new Decision.WakeAt(Instant.parse("2026-06-18T06:00:00Z")));
    }

    @Test
    void deferDecisionNamesStepAndWindowEnd() {
        Enrollment e =
                new Enrollment(welcome(), customer("en-US", "America/New_York"), Instant.parse("2026-06-16T02:00:00Z"));
        assertThat(e.feed(FlowEvent.Started.plain(), "2026-06-16T02:00:00Z"))
                .containsExactly(
                        new Decision.Defer("hello", Instant.parse("2026-06-16T12:00:00Z"), "quiet_hours"),
                        new Decision.WakeAt(Instant.parse("2026-06-16T12:00:00Z")));
    }

    @Test
    void choosesTextByLocaleWithFlowDefaultAsFallback() {
        assertThat(firstSend(welcome(), customer("en-GB", "Europe/London")).text())
                .startsWith("Hi Kari!");
        assertThat(firstSend(welcome(), customer("nb-NO", "Europe/Oslo")).locale())
                .isEqualTo("nb");
        assertThat(firstSend(welcome(), customer("nn-NO", "Europe/Oslo")).locale())
                .isEqualTo("nb");
        assertThat(firstSend(welcome(), customer("fr-FR", "Europe/Paris")).locale())
                .as("flow default")
                .isEqualTo("nb");
        assertThat(firstSend(welcome(), customer(null, "Europe/Paris")).locale())
                .isEqualTo("nb");
    }

    private static Decision.Send firstSend(Flow flow, CustomerView customer) {
        Enrollment e = new Enrollment(flow, customer, Instant.parse("2026-06-15T10:00:00Z"));
        return (Decision.Send)
                e.feed(FlowEvent.Started.plain(), "2026-06-15T10:00:00Z").get(0);
    }

    private static Flow nps() {
        return flow(
                "feedback",
                Optional.empty(),
                send("ask", "Hvor sannsynlig er det at du anbefaler oss? Svar 0-10", null),
                npsQuestion("answer", 1),
                setFrom("promoter", "nps", "reply.score"),
                send("thanks", "Tusen takk! Del gjerne en anmeldelse.", null),
                exit("done_promoter", "promoter"),
                setFrom("detractor", "nps", "reply.score"),
                tag("follow_up", "nps_follow_up", "sorry"),
                send("sorry", "Beklager! Vi tar kontakt.", null),
                exit("done_detractor", "detractor"),
                setFrom("passive", "nps", "reply.score"),
                exit("done_passive", "passive"),
                exit("declined", "declined"),
                exit("no_answer", "no_answer"));
    }

    @Test
    void npsReplyTiTakesThePromoterBranchAndStoresTheScore() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.state.status()).isEqualTo(Status.WAITING_REPLY);

        List<Decision> decisions = e.feed(new FlowEvent.Replied("Ti!"), "2026-06-15T11:00:00Z");

        assertThat(decisions)
                .satisfiesExactly(
                        d -> assertThat(d).isEqualTo(new Decision.RecordScore("answer", 10)),
                        d -> assertThat(d).isEqualTo(new Decision.SetAttribute("nps", "10")),
                        d -> assertThat(((Decision.Send) d).stepId()).isEqualTo("thanks"),
                        d -> assertThat(d)
                                .isEqualTo(new Decision.Exit(ExitReason.EXIT_STEP, "promoter", "done_promoter")));
        assertThat(e.state.variables()).containsEntry("reply.score", "10").containsEntry("reply.text", "Ti!");
        assertThat(e.state.hasSeen(EventType.REPLIED)).isTrue();
    }

    @Test
    void detractorIsTaggedForFollowUp() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.feed(new FlowEvent.Replied("3/10"), "2026-06-15T11:00:00Z"))
                .startsWith(
                        new Decision.RecordScore("answer", 3),
                        new Decision.SetAttribute("nps", "3"),
                        new Decision.AddTag("nps_follow_up"));
        assertThat(e.state.tagsAdded()).containsExactly("nps_follow_up");
        assertThat(e.state.exitLabel()).isEqualTo("detractor");
    }

    @Test
    void understoodScoreWithoutRouteGoesToOtherwise() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.feed(new FlowEvent.Replied("7"), "2026-06-15T11:00:00Z"))
                .containsExactly(
                        new Decision.RecordScore("answer", 7),
                        new Decision.SetAttribute("nps", "7"),
                        new Decision.Exit(ExitReason.EXIT_STEP, "passive", "done_passive"));
    }

    @Test
    void everyUnderstoodScoreIsRecordedOnceAndNothingElseIs() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        // Not understood (re-asked): no score to record.
        assertThat(e.feed(new FlowEvent.Replied("hæ?"), "2026-06-15T11:00:00Z"))
                .noneMatch(Decision.RecordScore.class::isInstance);
        // Understood on the second try: exactly one record, with the step that asked.
        List<Decision> second = e.feed(new FlowEvent.Replied("ni"), "2026-06-15T12:00:00Z");
        assertThat(second)
                .filteredOn(Decision.RecordScore.class::isInstance)
                .containsExactly(new Decision.RecordScore("answer", 9));
        // A reply after the enrollment left the question records nothing.
        assertThat(e.feed(new FlowEvent.Replied("10"), "2026-06-15T13:00:00Z")).isEmpty();
        // A keyword answer to the same question is not a score.
        Enrollment declined = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(declined.feed(new FlowEvent.Replied("Nei takk."), "2026-06-15T11:00:00Z"))
                .noneMatch(Decision.RecordScore.class::isInstance);
    }

    @Test
    void keywordRouteMatchesSynonyms() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.feed(new FlowEvent.Replied("Nei takk."), "2026-06-15T11:00:00Z"))
                .containsExactly(new Decision.Exit(ExitReason.EXIT_STEP, "declined", "declined"));
    }

    @Test
    void notUnderstoodIsReAskedThenGoesToOtherwise() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");

        List<Decision> first = e.feed(new FlowEvent.Replied("hæ?"), "2026-06-15T11:00:00Z");
        assertThat(first).hasSize(3);
        Decision.Send reAsk = (Decision.Send) first.get(0);
        assertThat(reAsk.purpose()).isEqualTo(SendPurpose.RE_ASK);
        assertThat(reAsk.ledgerKey()).isEqualTo("answer/re_ask#1");
        assertThat(first.get(1)).isEqualTo(new Decision.AwaitReply("answer", Instant.parse("2026-06-17T11:00:00Z")));
        assertThat(e.state.reAsks()).isEqualTo(1);

        assertThat(e.feed(new FlowEvent.Replied("vet ikke"), "2026-06-15T12:00:00Z"))
                .containsExactly(new Decision.Exit(ExitReason.EXIT_STEP, "passive", "done_passive"));
    }

    @Test
    void reAskAtNightIsDeferredToMorning() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T18:00:00Z");
        assertThat(e.feed(new FlowEvent.Replied("hmm"), "2026-06-15T21:00:00Z"))
                .containsExactly(
                        new Decision.Defer("answer", Instant.parse("2026-06-16T06:00:00Z"), "quiet_hours"),
                        new Decision.WakeAt(Instant.parse("2026-06-16T06:00:00Z")));
        List<Decision> morning = e.wake("2026-06-16T06:00:00Z");
        assertThat(((Decision.Send) morning.get(0)).purpose()).isEqualTo(SendPurpose.RE_ASK);
        assertThat(e.state.status()).isEqualTo(Status.WAITING_REPLY);
        assertThat(e.state.wakeAt()).isEqualTo(Instant.parse("2026-06-18T06:00:00Z"));
    }

    @Test
    void noReplyBeforeTheDeadlineTakesTheTimeoutPath() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.wake("2026-06-16T10:00:00Z")).isEmpty();
        assertThat(e.wake("2026-06-17T10:00:00Z"))
                .containsExactly(new Decision.Exit(ExitReason.EXIT_STEP, "no_answer", "no_answer"));
    }

    @Test
    void goalExitsFromAnyWaitingStepAsConversion() {
        Flow flow = flow(
                "winback",
                Optional.of(EventType.ORDERED),
                sendWithCoupon("offer", "Vi savner deg! Kode {{ coupon.code }} gjelder til {{ coupon.expiresAt }}."),
                waitFor("w1", "P3D"),
                send("reminder", "Husk koden {{ coupon.code }}!", null));
        Enrollment e = start(flow, customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        String code = e.state.variables().get("coupon.code");
        assertThat(code).startsWith("WB").hasSize(8);
        assertThat(e.state.variables()).containsEntry("coupon.expiresAt", "29.6.2026");

        List<Decision> decisions =
                e.feed(new FlowEvent.Ordered("o-9", new BigDecimal("499.00"), code), "2026-06-16T09:00:00Z");
        assertThat(decisions).containsExactly(new Decision.Exit(ExitReason.GOAL_REACHED, "goal_reached", "w1"));
        assertThat(((Decision.Exit) decisions.get(0)).conversion()).isTrue();
        assertThat(e.wake("2026-06-18T10:00:00Z")).as("nothing after exit").isEmpty();
    }

    @Test
    void laterStepsSeeTheSameCouponCode() {
        Flow flow = flow(
                "winback",
                Optional.of(EventType.ORDERED),
                sendWithCoupon("offer", "Kode {{ coupon.code }}"),
                waitFor("w1", "P3D"),
                sendWithCoupon("reminder", "Husk {{ coupon.code }}"));
        Enrollment e = start(flow, customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        String code = e.state.variables().get("coupon.code");
        Decision.Send reminder = (Decision.Send) e.wake("2026-06-18T10:00:00Z").get(0);
        assertThat(reminder.text()).isEqualTo("Husk " + code);
        assertThat(reminder.couponCode()).isEqualTo(code);
    }

    @Test
    void stopReplyOrOptOutEventExits() {
        Enrollment e = start(nps(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.feed(new FlowEvent.Replied(" STOPP "), "2026-06-15T11:00:00Z"))
                .containsExactly(new Decision.Exit(ExitReason.OPTED_OUT, "opted_out", "answer"));
        Enrollment other = start(welcome(), customer("nb-NO", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(other.feed(new FlowEvent.OptedOut(), "2026-06-15T11:00:00Z"))
                .containsExactly(new Decision.Exit(ExitReason.OPTED_OUT, "opted_out", "pause"));
    }

    @Test
    void marketingSendToOptedOutCustomerExitsInsteadOfSending() {
        CustomerView optedOut = customer("nb", "Europe/Oslo", ConsentStatus.OPTED_OUT, null);
        Enrollment e = start(welcome(), optedOut, "2026-06-15T10:00:00Z");
        assertThat(e.state.exitLabel()).isEqualTo("opted_out");
        assertThat(e.state.occurrences()).isEmpty();
    }

    @Test
    void branchesOnEventsSinceEnrollmentAndOnAttributes() {
        Flow flow = flow(
                "check",
                Optional.empty(),
                waitFor("w", "P1D"),
                branchOnEvent("clicked?", EventType.CLICKED, "clicker", "vip?"),
                branchOnAttribute("vip?", "tier", Operator.EQUALS, "gold", "vip"),
                exit("plain", "plain"),
                exit("clicker", "clicker"),
                exit("vip", "vip"));
        Enrollment clicker = start(flow, customer("nb", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        clicker.feed(new FlowEvent.Clicked("shop"), "2026-06-15T12:00:00Z");
        clicker.wake("2026-06-16T10:00:00Z");
        assertThat(clicker.state.exitLabel()).isEqualTo("clicker");

        Enrollment gold =
                start(flow, customer("nb", "Europe/Oslo").withAttribute("tier", "GOLD"), "2026-06-15T10:00:00Z");
        gold.wake("2026-06-16T10:00:00Z");
        assertThat(gold.state.exitLabel()).isEqualTo("vip");

        Enrollment plain = start(flow, customer("nb", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        plain.wake("2026-06-16T10:00:00Z");
        assertThat(plain.state.exitLabel()).isEqualTo("plain");
    }

    @Test
    void waitUntilTimeOfDayUsesTheCustomersZone() {
        Flow flow = flow(
                "t", Optional.empty(), waitUntil("tomorrow_ten", "P1D", LocalTime.of(10, 0)), send("s", "Hei", null));
        Enrollment e = start(flow, customer("nb", "Europe/Oslo"), "2026-03-28T08:00:00Z");
        // 09:00 CET on the 28th; tomorrow 10:00 is after the spring-forward jump: 08:00Z
        assertThat(e.state.wakeAt()).isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));

        Flow today = flow("t2", Optional.empty(), waitUntil("ten", null, LocalTime.of(10, 0)), send("s", "Hei", null));
        assertThat(start(today, customer("nb", "Europe/Oslo"), "2026-06-15T07:00:00Z")
                        .state
                        .wakeAt())
                .isEqualTo(Instant.parse("2026-06-15T08:00:00Z"));
        assertThat(start(today, customer("nb", "Europe/Oslo"), "2026-06-15T09:00:00Z")
                        .state
                        .wakeAt())
                .isEqualTo(Instant.parse("2026-06-16T08:00:00Z"));
    }

    @Test
    void aLoopWithoutWaitingEndsTheEnrollmentInsteadOfSpinning() {
        Flow flow = flow("loop", Optional.empty(), tag("a", "x", "b"), tag("b", "y", "a"));
        Enrollment e = start(flow, customer("nb", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.state.exitLabel()).isEqualTo("loop_without_wait");
    }

    @Test
    void eventsBeforeStartAndAfterExitChangeNothing() {
        Enrollment e = new Enrollment(welcome(), customer("nb", "Europe/Oslo"), Instant.parse("2026-06-15T10:00:00Z"));
        EnrollmentState before = e.state;
        assertThat(e.feed(new FlowEvent.Replied("hei"), "2026-06-15T10:00:00Z")).isEmpty();
        assertThat(e.state).isSameAs(before);
    }

    @Test
    void orderPlacedContextIsAvailableToTexts() {
        Flow flow = flow(
                "post", Optional.empty(), send("s", "Takk for ordre {{ order.id }} på {{ order.total }} kr", null));
        Enrollment e = new Enrollment(flow, customer("nb", "Europe/Oslo"), Instant.parse("2026-06-15T10:00:00Z"));
        Decision.Send s = (Decision.Send)
                e.feed(FlowEvent.Started.forOrder("o-1", new BigDecimal("899.50"), null), "2026-06-15T10:00:00Z")
                        .get(0);
        assertThat(s.text()).isEqualTo("Takk for ordre o-1 på 899.50 kr");
    }

    @Test
    void aTimerDeliveredTwiceIsAppliedOnce() {
        Enrollment e = start(welcome(), customer("nb", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        assertThat(e.wake("2026-06-17T10:00:00Z")).isNotEmpty();
        EnrollmentState after = e.state;
        assertThat(e.wake("2026-06-17T10:00:00Z")).isEmpty();
        assertThat(e.state).isEqualTo(after);
    }

    @Test
    void attributesWrittenEarlierInTheEnrollmentAreVisibleToLaterBranches() {
        Flow flow = flow(
                "score",
                Optional.empty(),
                send("ask", "0-10?", null),
                npsQuestion("answer", 0),
                setFrom("promoter", "nps", "reply.score"),
                branchOnAttribute("high?", "nps", Operator.AT_LEAST, "9", "high"),
                exit("low", "low"),
                exit("high", "high"),
                exit("detractor", "d"),
                exit("passive", "p"),
                exit("declined", "x"),
                exit("no_answer", "n"));
        Enrollment e = start(flow, customer("nb", "Europe/Oslo"), "2026-06-15T10:00:00Z");
        e.feed(new FlowEvent.Replied("nine"), "2026-06-15T11:00:00Z");
        assertThat(e.state.exitLabel()).isEqualTo("high");
        assertThat(e.state.attributes()).containsEntry("nps", "9");
        assertThat(e.state.lastScore()).hasValue(9);
    }

    @Test
    void waitUntilADateAttributeAtLocalTime() {
        Flow flow = flow(
                "birthday",
                Optional.empty(),
                new Wait(
                        "until_birthday",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new Wait.UntilDate("birthday", LocalTime.of(10, 0), -1, AT)),
                        AT),
                send("greet", "Gratulerer i morgen!", null));
        CustomerView withBirthday = customer("nb", "Europe/Oslo").withAttribute("birthday", "2026-10-26");
        Enrollment e = start(flow, withBirthday, "2026-10-01T10:00:00Z");
        // the day before, 10:00 Oslo, after the fall-back: UTC+1
        assertThat(e.state.wakeAt()).isEqualTo(Instant.parse("2026-10-25T09:00:00Z"));
        Enrollment past = start(flow, withBirthday, "2026-10-26T10:00:00Z");
        assertThat(past.state.occurrences()).containsEntry("greet", 1);
        Enrollment none = start(flow, customer("nb", "Europe/Oslo"), "2026-10-01T10:00:00Z");
        assertThat(none.state.occurrences()).containsEntry("greet", 1);
    }
}
