package io.comeback.messaging.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseSharesTest {

    @Test
    void oneReplicaGetsTheWholeLimitBusyOrIdle() {
        assertThat(LeaseShares.divide(100, Map.of("a", 100))).containsExactly(Map.entry("a", 100));
        assertThat(LeaseShares.divide(100, Map.of("a", 0))).containsExactly(Map.entry("a", 100));
    }

    @Test
    void busyReplicasShareEqually() {
        assertThat(LeaseShares.divide(100, Map.of("a", 100, "b", 100))).isEqualTo(Map.of("a", 50, "b", 50));
        assertThat(LeaseShares.divide(100, Map.of("a", 100, "b", 100, "c", 100)))
                .isEqualTo(Map.of("a", 34, "b", 33, "c", 33));
    }

    @Test
    void anIdleReplicaKeepsOneAndTheBusyOneTakesTheRest() {
        assertThat(LeaseShares.divide(100, Map.of("busy", 100, "idle", 0))).isEqualTo(Map.of("busy", 99, "idle", 1));
    }

    @Test
    void whatSmallDemandsLeaveGoesToTheLargeOnesAndWhatNobodyWantsIsSplit() {
        assertThat(LeaseShares.divide(100, Map.of("a", 10, "b", 100, "c", 100)))
                .isEqualTo(Map.of("a", 10, "b", 45, "c", 45));
        assertThat(LeaseShares.divide(100, Map.of("a", 10, "b", 20))).isEqualTo(Map.of("a", 45, "b", 55));
    }

    @Test
    void neverMoreThanTheLimitEvenWithMoreReplicasThanPermits() {
        Map<String, Integer> shares = LeaseShares.divide(2, Map.of("a", 5, "b", 5, "c", 5));
        assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(shares).isEqualTo(Map.of("a", 1, "b", 1, "c", 0));
    }
}
