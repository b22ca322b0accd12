package io.comeback.messaging.concurrency;

/**
 * How many sends one replica may keep in flight by what the provider answers, additive increase and multiplicative
 * decrease (as TCP finds a path's capacity): a "too many requests" answer multiplies the window by
 * {@code decrease}, once per round (answers to sends started before the last decrease do not cut it again); each
 * other answer grows it by 1/window, one whole send per window of answers, up to {@code max}. While the provider
 * says the account is full, it does not grow. Not thread-safe: {@link HandOverSlots} calls it under its lock.
 */
final class AimdWindow {

    private final int max;
    private final double decrease;
    private double window;
    private long round;

    AimdWindow(int max, double decrease) {
        if (max < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + max);
        }
        if (!(decrease > 0 && decrease < 1)) {
            throw new IllegalArgumentException("the decrease must be between 0 and 1, e.g. 0.75; was " + decrease);
        }
        this.max = max;
        this.decrease = decrease;
        this.window = max;
    }

    /** Sends that may be in flight now: at least one, so that the provider is always probed again. */
    int size() {
        return Math.max(1, (int) Math.floor(window + 1e-9));
    }

    double value() {
        return window;
    }

    /** The round a send starts in; hand it back with its answer. */
    long round() {
        return round;
    }

    /** A send started in {@code startedIn} was refused as too many at once. */
    void throttled(long startedIn) {
        if (startedIn == round) {
            window = Math.max(1, window * decrease);
            round++;
        }
    }

    /** A send got any other answer; {@code accountFull}: the provider said the account has no room left. */
    void answered(boolean accountFull) {
        if (!accountFull && window < max) {
            window = Math.min(max, window + 1 / window);
        }
    }
}
