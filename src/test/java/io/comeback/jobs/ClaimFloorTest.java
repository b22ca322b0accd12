package io.comeback.jobs;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimFloorTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void startsAtTheBeginning() {
        assertThat(new ClaimFloor().current()).isEqualTo(ClaimFloor.Position.START);
    }

    @Test
    void aFullBatchMovesTheFloorToItsFirstRow() {
        ClaimFloor floor = new ClaimFloor();
        floor.claimed(new ClaimFloor.Position(T, 7), true);
        assertThat(floor.current()).isEqualTo(new ClaimFloor.Position(T, 7));
    }

    @Test
    void theFloorNeverMovesBackWhileTheBacklogLasts() {
        ClaimFloor floor = new ClaimFloor();
        floor.claimed(new ClaimFloor.Position(T, 501), true);
        // A worker that started earlier reports its (lower) first row later.
        floor.claimed(new ClaimFloor.Position(T, 1), true);
        assertThat(floor.current()).isEqualTo(new ClaimFloor.Position(T, 501));
        floor.claimed(new ClaimFloor.Position(T.plusMillis(1), 2), true);
        assertThat(floor.current()).isEqualTo(new ClaimFloor.Position(T.plusMillis(1), 2));
    }

    @Test
    void aShortOrEmptyBatchStartsTheNextClaimFromTheBeginning() {
        ClaimFloor floor = new ClaimFloor();
        floor.claimed(new ClaimFloor.Position(T, 7), true);
        floor.claimed(new ClaimFloor.Position(T, 900), false);
        assertThat(floor.current()).isEqualTo(ClaimFloor.Position.START);

        floor.claimed(new ClaimFloor.Position(T, 7), true);
        floor.claimed(null, true);
        assertThat(floor.current()).isEqualTo(ClaimFloor.Position.START);
    }

    @Test
    void aLongBacklogIsRescannedFromTheBeginningEveryFewSeconds() throws InterruptedException {
        ClaimFloor floor = new ClaimFloor(50_000_000L);
        floor.claimed(new ClaimFloor.Position(T, 7), true);
        assertThat(floor.current()).isEqualTo(new ClaimFloor.Position(T, 7));
        Thread.sleep(80);
        // Rows below the floor (a batch that rolled back, a row made due in the past) are found again.
        assertThat(floor.current()).isEqualTo(ClaimFloor.Position.START);
    }
}
