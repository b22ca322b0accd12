package io.comeback.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.messaging.port.RetryPolicy;
import io.comeback.messaging.port.SendOutcome;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final SendOutcome rateLimited = new SendOutcome.Refused("20429", "Too Many Requests", true);

    @Test
    void onlyRefusalsThatCertainlyDidNotSendAreRetried() {
        Random random = new Random(7);
        assertThat(policy.retryAfter(rateLimited, 1, random)).isPresent();
        assertThat(policy.retryAfter(new SendOutcome.Refused("21211", "invalid number", false), 1, random))
                .isEmpty();
        assertThat(policy.retryAfter(new SendOutcome.Indeterminate("timeout"), 1, random))
                .isEmpty();
        assertThat(policy.retryAfter(new SendOutcome.Accepted("SM1", DeliveryStatus.QUEUED), 1, random))
                .isEmpty();
    }

    @Test
    void stopsAfterTheLastAttempt() {
        assertThat(policy.retryAfter(rateLimited, 4, new Random(7))).isPresent();
        assertThat(policy.retryAfter(rateLimited, 5, new Random(7))).isEmpty();
    }

    @Test
    void delaysDoubleWithinHalfToFullCeilingUpToTheCap() {
        Random random = new Random(42);
        long[][] bounds = {{500, 1000}, {1000, 2000}, {2000, 4000}, {2500, 5000}, {2500, 5000}};
        for (int attempt = 1; attempt <= bounds.length; attempt++) {
            for (int sample = 0; sample < 200; sample++) {
                long millis = policy.backoff(attempt, random).toMillis();
                assertThat(millis).as("attempt %d", attempt).isBetween(bounds[attempt - 1][0], bounds[attempt - 1][1]);
            }
        }
    }

    @Test
    void jitterSpreadsReplicasApart() {
        Random random = new Random(3);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> policy.backoff(3, random))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("baseDelay");
    }
}
