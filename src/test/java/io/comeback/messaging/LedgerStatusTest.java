package io.comeback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LedgerStatusTest {

    @Test
    void namesTheThirteenStatusesOfTheLedgerAsStored() {
        assertThat(Arrays.stream(LedgerStatus.values()).map(LedgerStatus::wire))
                .containsExactlyInAnyOrder(
                        "pending",
                        "held",
                        "awaiting_approval",
                        "dispatching",
                        "unknown",
                        "blocked",
                        "refused",
                        "queued",
                        "sending",
                        "sent",
                        "delivered",
                        "undelivered",
                        "failed");
    }

    @Test
    void readsOnlyTheExactStoredName() {
        assertThat(LedgerStatus.fromWire("delivered")).contains(LedgerStatus.DELIVERED);
        assertThat(LedgerStatus.fromWire("Delivered")).isEmpty();
        assertThat(LedgerStatus.fromWire(null)).isEmpty();
    }
}
