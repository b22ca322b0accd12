package io.comeback.messaging.port;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When the dispatcher may send a message again, and after how long. Only outcomes that certainly did
 * not send ({@link SendOutcome.Refused} with {@code retryable}) are retried: a retry of anything else
 * could text a person twice. Delays grow exponentially with "equal jitter" (half fixed, half random),
 * so replicas that were throttled together do not come back together, yet every wait still grows.
 *
 * @param maxAttempts attempts in total, the first one included
 * @param baseDelay   the delay ceiling before the second attempt
 * @param maxDelay    no delay ceiling grows beyond this
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay, was " + baseDelay + " and " + maxDelay);
        }
    }

    /** Five attempts, about 1 s, 2 s, 4 s, 8 s apart: enough to ride out Twilio's per-second rate limits. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    /**
     * The wait before the next attempt, or empty when the message must not be sent again.
     *
     * @param attemptsMade how many attempts produced outcomes so far (1 after the first call)
     */
    public Optional<Duration> retryAfter(SendOutcome outcome, int attemptsMade, RandomGenerator random) {
        boolean safeToRepeat = outcome instanceof SendOutcome.Refused refused && refused.retryable();
        if (!safeToRepeat || attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(backoff(attemptsMade, random));
    }

    /** Between half and all of {@code min(maxDelay, baseDelay * 2^(attemptsMade-1))}. */
    public Duration backoff(int attemptsMade, RandomGenerator random) {
        long ceiling = ceilingMillis(attemptsMade);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    private long ceilingMillis(int attemptsMade) {
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
        long grown = baseDelay.toMillis() << doublings;
        return Math.min(grown, maxDelay.toMillis());
    }
}
