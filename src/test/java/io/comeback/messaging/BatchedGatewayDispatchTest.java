package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.comeback.engine.time.QuietHours;
import io.comeback.gateway.simulator.SimulatorGateway;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.MessageLookup;
import io.comeback.messaging.port.OutgoingSms;
import io.comeback.messaging.port.SendOutcome;
import io.comeback.testing.ManualRuntimeProfile;
import io.comeback.testing.TestClockProducer;
import io.comeback.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator takes a dispatch batch in one request: every message of it is recorded once, with its
 * own provider id, and the dispatcher applies the same checks around that request as around one call
 * per message (closed send windows held back, rows without a number refused, nothing sent twice).
 */
@QuarkusTest
@TestProfile(ManualRuntimeProfile.class)
class BatchedGatewayDispatchTest {

    private static final Instant NOON = Instant.parse("2033-03-15T11:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SimulatorGateway simulator;

    @Inject
    Dispatcher dispatcher;

    @Test
    void aBatchIsRecordedOncePerMessageInOrderWithItsOwnProviderIds() {
        Ledger ledger = new Ledger(dataSource);
        List<OutgoingSms> messages = List.of(
                new OutgoingSms(TestData.negativeId(), TestData.norwegianMobile(), "first", null),
                new OutgoingSms(TestData.negativeId(), TestData.norwegianMobile(), "second", null),
                new OutgoingSms(TestData.negativeId(), TestData.norwegianMobile(), "third", null));

        assertThat(simulator.takesBatches()).isTrue();
        List<SendOutcome> outcomes = simulator.sendAll(messages);

        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o).isInstanceOf(SendOutcome.Accepted.class));
        assertThat(outcomes.stream()
                        .map(o -> ((SendOutcome.Accepted) o).providerMessageId())
                        .distinct())
                .hasSize(3);
        for (int i = 0; i < messages.size(); i++) {
            OutgoingSms message = messages.get(i);
            String providerId = ((SendOutcome.Accepted) outcomes.get(i)).providerMessageId();
            assertThat(ledger.gatewayCopies(message.messageId())).isEqualTo(1);
            assertThat(ledger.text(
                            "SELECT to_phone || ' ' || body FROM simulator_messages WHERE ledger_id = ?",
                            message.messageId()))
                    .isEqualTo(message.to() + " " + message.body());
            assertThat(simulator.lookup(message.messageId()))
                    .isEqualTo(new MessageLookup.Found(providerId, DeliveryStatus.QUEUED));
        }
    }

    @Test
    void theDispatcherHoldsBackClosedWindowsAndRefusesMissingNumbersAroundOneRequest() throws SQLException {
        TestClockProducer.CLOCK.setTo(NOON);
        Ledger ledger = new Ledger(dataSource);
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        // Quiet from noon in Oslo (NOON is 12:00 there): a window that closed a minute ago reopens tomorrow at 08:00.
        QuietHours quiet = new QuietHours(LocalTime.of(12, 0), LocalTime.of(8, 0));
        List<LedgerRow> rows = new ArrayList<>();
        String[] phones = new String[4];
        for (int i = 0; i < 4; i++) {
            phones[i] = TestData.norwegianMobile();
            long customerId = ledger.customer(phones[i], "Europe/Oslo", "opted_in");
            // Row 1 has no number; row 2's window closed a minute ago; rows 0 and 3 may leave.
            SendWindow window = i == 2 ? new SendWindow(NOON.minus(Duration.ofMinutes(1)), quiet, oslo) : null;
            rows.add(new LedgerRow(
                    TestData.negativeId(),
                    "step:ping:1",
                    customerId,
                    "batch_test",
                    "v1",
                    "ping",
                    i == 1 ? null : phones[i],
                    "Hei " + i,
                    "transactional",
                    "nb",
                    1,
                    "gsm7",
                    null,
                    "pending",
                    null,
                    null,
                    NOON.minusSeconds(5),
                    NOON.minusSeconds(5),
                    window));
        }
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            OutboundLedger.insert(c, rows);
            c.commit();
        }
        for (LedgerRow row : rows) {
            ids.add(ledger.single("SELECT id FROM outbound_messages WHERE enrollment_id = ?", row.enrollmentId()));
        }

        dispatcher.handOver(ids);
        dispatcher.dispatchBatch();

        assertThat(ledger.status(ids.get(0))).isEqualTo("queued");
        assertThat(ledger.status(ids.get(3))).isEqualTo("queued");
        assertThat(ledger.status(ids.get(1))).startsWith("refused");
        assertThat(ledger.status(ids.get(2))).startsWith("pending:" + SendWindow.REASON);
        assertThat(ids.stream().map(ledger::gatewayCopies)).containsExactly(1L, 0L, 0L, 1L);
        assertThat(ledger.text("SELECT provider_message_id FROM outbound_messages WHERE id = ?", ids.get(0)))
                .isEqualTo(((MessageLookup.Found) simulator.lookup(ids.get(0))).providerMessageId());

        dispatcher.handOver(ids);
        dispatcher.dispatchBatch();
        assertThat(ids.stream().map(ledger::gatewayCopies)).containsExactly(1L, 0L, 0L, 1L);
    }
}
