package io.comeback.shops;

import java.time.Duration;

/** The pause before the next attempt: the first pause, doubled for each failure before, at most the longest. */
final class Backoff {

    private Backoff() {}

    static Duration after(int attempts, Duration first, Duration longest) {
        Duration pause = first;
        for (int i = 1; i < attempts && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
