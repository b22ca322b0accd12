package io.comeback.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.comeback.engine.run.EnrollmentState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnrollmentStatusTest {

    @Test
    void everyInterpreterStatusIsStoredAsItsLowerCaseName() {
        for (EnrollmentState.Status status : EnrollmentState.Status.values()) {
            assertThat(EnrollmentStatus.of(status).wire())
                    .isEqualTo(status.name().toLowerCase());
        }
    }

    @Test
    void theRuntimeAddsHeldOutFailedAndRejected() {
        assertThat(Arrays.stream(EnrollmentStatus.values()).map(EnrollmentStatus::wire))
                .containsExactlyInAnyOrder(
                        "new",
                        "waiting_timer",
                        "waiting_reply",
                        "deferred_send",
                        "deferred_re_ask",
                        "exited",
                        "held_out",
                        "failed",
                        "rejected");
    }
}
