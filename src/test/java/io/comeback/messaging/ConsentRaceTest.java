package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.MessageKind;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.Decision;
import io.comeback.engine.text.SmsSegments;
import io.comeback.enrollment.CustomerViews;
import io.comeback.flows.FlowCatalog;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STOP and START racing a send being prepared on another replica, with two real database
 * connections on two threads, stepped by latches into every order that matters. Replica A does what
 * a wake-up batch does — reads the customer, asks the compliance gate, writes the ledger row, commits —
 * in one transaction; replica B receives the STOP/START ({@link OptOuts}) in its own. Whatever the
 * order, no marketing text for the person reaches the gateway once the opt-out has committed, and a
 * re-subscribed person gets marketing only from texts prepared after the START committed.
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class ConsentRaceTest {

    private static final Instant NOON = LocalDateTime.of(2032, 9, 14, 12, 0)
            .atZone(ZoneId.of("Europe/Oslo"))
            .toInstant();
    private static final ExecutorService REPLICA_B = Executors.newSingleThreadExecutor();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SendGate gate;

    @Inject
    OptOuts optOuts;

    @Inject
    Dispatcher dispatcher;

    @Inject
    FlowCatalog catalog;

    private Ledger ledger;

    @BeforeEach
    void setUp() {
        TestClockProducer.CLOCK.setTo(NOON);
        ledger = new Ledger(dataSource);
    }

    @AfterAll
    static void stopReplicaB() {
        REPLICA_B.shutdownNow();
    }

    /** Replica A: the wake-up batch's transaction, paused between reading and writing. */
    private final class PreparedSend implements AutoCloseable {
        private final Connection c;
        private final LedgerRow row;

        PreparedSend(long customerId) throws SQLException {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            CustomerView customer =
                    CustomerViews.load(c, customerId, java.time.Instant.now()).orElseThrow();
            Flow flow = catalog.active("welcome").orElseThrow();
            String text = "Hei! 20 % i dag. Svar STOPP for å melde deg av.";
            Decision.Send send = new Decision.Send(
                    "offer",
                    Decision.SendPurpose.STEP,
                    1,
                    "nb",
                    text,
                    SmsSegments.count(text),
                    MessageKind.MARKETING,
                    null);
            long enrollmentId = TestData.negativeId();
            SendGate.SendRequest request =
                    new SendGate.SendRequest(enrollmentId, customerId, flow, customer, send, NOON);
            SendGate.Verdict verdict = gate.check(request);
            boolean blocked = verdict instanceof SendGate.Block;
            String reason = blocked ? ((SendGate.Block) verdict).reason() : ((SendGate.Allow) verdict).reason();
            Instant notBefore = blocked ? NOON : ((SendGate.Allow) verdict).notBefore();
            row = new LedgerRow(
                    enrollmentId,
                    send.ledgerKey(),
                    customerId,
                    flow.id(),
                    flow.version(),
                    "offer",
                    customer.phone(),
                    text,
                    "marketing",
                    "nb",
                    1,
                    "gsm7",
                    null,
                    blocked ? "blocked" : "pending",
                    reason,
                    null,
                    notBefore,
                    NOON,
                    blocked ? null : SendWindow.forSend(request, notBefore));
        }

        long writeAndCommit() throws SQLException {
            OutboundLedger.insert(c, List.of(row));
            c.commit();
            return ledger.single("SELECT id FROM outbound_messages WHERE enrollment_id = ?", row.enrollmentId());
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    /** Replica B: a STOP or START in its own transaction, held open until told to commit. */
    private final class ConsentChange {
        final CountDownLatch applied = new CountDownLatch(1);
        final CountDownLatch mayCommit = new CountDownLatch(1);
        final Future<Boolean> committed;

        ConsentChange(long customerId, String phone, boolean optOut) {
            committed = REPLICA_B.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    boolean changed = optOut
                            ? optOuts.optOut(c, customerId, phone, "sms: STOP", "STOP", NOON)
                            : optOuts.resubscribe(c, customerId, phone, "START", NOON);
                    applied.countDown();
                    assertThat(mayCommit.await(20, TimeUnit.SECONDS)).isTrue();
                    return changed;
                }
            }));
        }

        void awaitApplied() throws InterruptedException {
            assertThat(applied.await(20, TimeUnit.SECONDS))
                    .as("replica B applied the change")
                    .isTrue();
        }

        void commit() throws Exception {
            mayCommit.countDown();
            assertThat(committed.get(20, TimeUnit.SECONDS))
                    .as("the change changed something")
                    .isTrue();
        }
    }

    private void dispatchEverythingDue() {
        while (java.time.Duration.ZERO.equals(dispatcher.dispatchBatch())) {
            // until nothing due is left
        }
    }

    @Test
    void withoutAStopThePreparedTextIsSent() throws Exception {
        // The control: the same steps with no opt-out do reach the gateway, so the tests below can fail.
        String phone = TestData.norwegianMobile();
        long customer = ledger.customer(phone, "Europe/Oslo", "opted_in");
        long message;
        try (PreparedSend a = new PreparedSend(customer)) {
            message = a.writeAndCommit();
        }
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(message)).isEqualTo(1);
    }

    @Test
    void sendCommitsFirstThenStop() throws Exception {
        String phone = TestData.norwegianMobile();
        long customer = ledger.customer(phone, "Europe/Oslo", "opted_in");
        long message;
        try (PreparedSend a = new PreparedSend(customer)) {
            message = a.writeAndCommit();
        }
        ConsentChange stop = new ConsentChange(customer, phone, true);
        stop.awaitApplied();
        stop.commit();
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(message)).isZero();
        // The opt-out's own transaction blocked the committed row.
        assertThat(ledger.status(message)).isEqualTo("blocked:opted_out");
    }

    @Test
    void stopCommitsBetweenTheConsentCheckAndTheLedgerWrite() throws Exception {
        String phone = TestData.norwegianMobile();
        long customer = ledger.customer(phone, "Europe/Oslo", "opted_in");
        long message;
        try (PreparedSend a = new PreparedSend(customer)) {
            ConsentChange stop = new ConsentChange(customer, phone, true);
            stop.awaitApplied();
            stop.commit();
            // A still believes the person opted in and writes a pending marketing row.
            message = a.writeAndCommit();
        }
        assertThat(ledger.status(message)).isEqualTo("pending");
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(message)).isZero();
        // The claim re-read consent and blocked it instead of sending.
        assertThat(ledger.status(message)).isEqualTo("blocked:opted_out");
    }

    @Test
    void stopAndSendOverlapAndADispatcherClaimsWhileTheStopIsCommitting() throws Exception {
        String phone = TestData.norwegianMobile();
        long customer = ledger.customer(phone, "Europe/Oslo", "opted_in");
        long message;
        ConsentChange stop;
        try (PreparedSend a = new PreparedSend(customer)) {
            stop = new ConsentChange(customer, phone, true);
            // B has blocked the person's pending rows (none yet) and holds the customer row.
            stop.awaitApplied();
            message = a.writeAndCommit();
        }
        // A third replica's dispatcher runs now: the row is committed and pending, the opt-out not yet
        // committed; the claim leaves the person's rows for a later round instead of sending.
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(message)).isZero();
        assertThat(ledger.status(message)).isEqualTo("pending");
        stop.commit();
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(message)).isZero();
        assertThat(ledger.status(message)).isEqualTo("blocked:opted_out");
    }

    @Test
    void startCommitsWhileASendIsPreparedFromTheOptedOutState() throws Exception {
        String phone = TestData.norwegianMobile();
        long customer = ledger.customer(phone, "Europe/Oslo", "opted_out");
        long raced;
        try (PreparedSend a = new PreparedSend(customer)) {
            ConsentChange start = new ConsentChange(customer, phone, false);
            start.awaitApplied();
            start.commit();
            raced = a.writeAndCommit();
        }
        dispatchEverythingDue();
        // Prepared while the ledger still said opted out: blocked for good, even though START won.
        assertThat(ledger.gatewayCopies(raced)).isZero();
        assertThat(ledger.status(raced)).isEqualTo("blocked:opted_out");
        assertThat(ledger.text("SELECT consent_status FROM customers WHERE id = ?", customer))
                .isEqualTo("opted_in");

        long after;
        try (PreparedSend a = new PreparedSend(customer)) {
            after = a.writeAndCommit();
        }
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(after)).isEqualTo(1);
    }

    @Test
    void marketingWaitsUntilTheStartIsRecorded() throws Exception {
        String phone = TestData.norwegianMobile();
        long customer = ledger.customer(phone, "Europe/Oslo", "opted_out");
        ConsentChange start = new ConsentChange(customer, phone, false);
        start.awaitApplied();
        long early;
        // START applied but not committed: the ledger does not say so yet, so no marketing.
        try (PreparedSend a = new PreparedSend(customer)) {
            early = a.writeAndCommit();
        }
        assertThat(ledger.single(
                        "SELECT count(*) FROM consent_events WHERE customer_id = ? AND change = 'resubscribe'",
                        customer))
                .isZero();
        start.commit();
        assertThat(ledger.single(
                        "SELECT count(*) FROM consent_events WHERE customer_id = ? AND change = 'resubscribe'",
                        customer))
                .isEqualTo(1);
        long late;
        try (PreparedSend a = new PreparedSend(customer)) {
            late = a.writeAndCommit();
        }
        dispatchEverythingDue();
        assertThat(ledger.gatewayCopies(early)).isZero();
        assertThat(ledger.status(early)).isEqualTo("blocked:opted_out");
        assertThat(ledger.gatewayCopies(late)).isEqualTo(1);
    }
}
