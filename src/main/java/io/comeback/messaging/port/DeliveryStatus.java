package io.comeback.messaging.port;

import java.util.Arrays;
import java.util.Optional;

/**
 * A message's delivery status. Statuses only move forward (callbacks arrive late, twice and out of
 * order): a lower rank never replaces a higher one, and a terminal status is never replaced.
 */
public enum DeliveryStatus {
    QUEUED(1, false),
    SENDING(2, false),
    SENT(3, false),
    DELIVERED(4, true),
    UNDELIVERED(4, true),
    FAILED(4, true);

    private final int rank;
    private final boolean terminal;

    DeliveryStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** True when {@code next} may replace this status. */
    public boolean canMoveTo(DeliveryStatus next) {
        return !terminal && next.rank > rank;
    }

    public String wire() {
        return name().toLowerCase();
    }

    /** Twilio's and the simulator's lower-case names; {@code accepted}/{@code scheduled} count as queued. */
    public static Optional<DeliveryStatus> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase();
        if (v.equals("accepted") || v.equals("scheduled")) {
            return Optional.of(QUEUED);
        }
        return Arrays.stream(values()).filter(s -> s.wire().equals(v)).findFirst();
    }
}
