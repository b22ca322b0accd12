package io.comeback.engine.bench;

import io.comeback.engine.model.ConsentStatus;
import io.comeback.engine.model.Flow;
import io.comeback.engine.run.CouponCodes;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.EnrollmentState;
import io.comeback.engine.run.FlowEvent;
import io.comeback.engine.run.FlowInterpreter;
import io.comeback.engine.run.StepResult;
import io.comeback.engine.validate.FlowValidator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Interpreter throughput on one thread, on the shipped flows (not a unit test: run it by hand).
 * Each round drives whole enrollments the way the runtime would — start, timers, replies, an
 * order — through {@code feedback.yaml} (NPS question, four kinds of answer) and
 * {@code winback.yaml} (offer with coupon, reminder, last chance), and counts the decisions
 * returned. Goal: at least 200,000 decisions per second.
 *
 * <pre>
 * mvn -q -B -Dbuild.dir=target-run test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target-run/cp.txt -Dmdep.includeScope=test
 * java -cp target-run/classes:target-run/test-classes:$(cat target-run/cp.txt) \
 *     io.comeback.engine.bench.InterpreterBenchmark [flows-folder]
 * </pre>
 */
public final class InterpreterBenchmark {

    private static final String[] REPLIES = {"10", "ti", "3 av 10", "7", "hæ?", "9/10", "nine", "4"};

    private final FlowInterpreter interpreter =
            new FlowInterpreter(CouponCodes.deterministic(), Map.of("shop.name", "Fjellsport"));
    private final Flow feedback;
    private final Flow winback;
    private final CustomerView customer = new CustomerView(
            "c-42",
            "Kari",
            "Nordmann",
            "kari@example.com",
            "+4791234567",
            "nb-NO",
            ZoneId.of("Europe/Oslo"),
            Map.of("tier", "gold"),
            Set.of(),
            ConsentStatus.OPTED_IN);
    private long checksum;

    InterpreterBenchmark(Path flows) throws IOException {
        FlowValidator validator = new FlowValidator();
        this.feedback = validator
                .validate(Files.readString(flows.resolve("feedback.yaml")))
                .flow()
                .orElseThrow();
        this.winback = validator
                .validate(Files.readString(flows.resolve("winback.yaml")))
                .flow()
                .orElseThrow();
    }

    public static void main(String[] args) throws IOException {
        InterpreterBenchmark bench = new InterpreterBenchmark(Path.of(args.length > 0 ? args[0] : "flows"));
        System.out.println("warming up (10 s)...");
        bench.measure(Duration.ofSeconds(10));
        double[] rounds = new double[5];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = bench.measure(Duration.ofSeconds(3));
            System.out.printf("round %d: %,.0f decisions/s%n", i + 1, rounds[i]);
        }
        Arrays.sort(rounds);
        System.out.printf(
                "median %,.0f decisions/s (min %,.0f, max %,.0f) on one thread; checksum %d%n",
                rounds[2], rounds[0], rounds[4], bench.checksum);
    }

    /** Decisions per second over about {@code length} of whole enrollments. */
    double measure(Duration length) {
        long decisions = 0;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++, n++) {
                decisions += feedbackEnrollment(REPLIES[n % REPLIES.length]);
                decisions += winbackEnrollment(n % 3 == 0);
            }
        }
        return decisions / ((System.nanoTime() - start) / 1e9);
    }

    private int feedbackEnrollment(String reply) {
        Instant t = Instant.parse("2026-06-15T10:00:00Z");
        EnrollmentState state = EnrollmentState.enroll(feedback.id(), feedback.version(), t);
        int count = 0;
        StepResult r = interpreter.interpret(
                feedback, state, FlowEvent.Started.forOrder("o-1", BigDecimal.TEN, null), t, customer);
        count += consume(r);
        r = interpreter.interpret(feedback, r.state(), new FlowEvent.Replied(reply), t.plusSeconds(600), customer);
        count += consume(r);
        if (!r.state().isExited()) { // re-asked: answer properly
            r = interpreter.interpret(feedback, r.state(), new FlowEvent.Replied("8"), t.plusSeconds(900), customer);
            count += consume(r);
        }
        return count;
    }

    private int winbackEnrollment(boolean orders) {
        Instant t = Instant.parse("2026-03-22T10:00:00Z");
        EnrollmentState state = EnrollmentState.enroll(winback.id(), winback.version(), t);
        StepResult r = interpreter.interpret(winback, state, FlowEvent.Started.plain(), t, customer);
        int count = consume(r);
        while (!r.state().isExited()) {
            Instant at = r.state().wakeAt();
            FlowEvent event = orders ? new FlowEvent.Ordered("o-2", BigDecimal.TEN, null) : new FlowEvent.Woke(at);
            r = interpreter.interpret(winback, r.state(), event, at, customer);
            count += consume(r);
        }
        return count;
    }

    private int consume(StepResult result) {
        checksum += result.decisions().size() + result.state().occurrences().size();
        return result.decisions().size();
    }
}
