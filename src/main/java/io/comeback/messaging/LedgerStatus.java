package io.comeback.messaging;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an outbound ledger row stands ({@code outbound_messages.status}, V11). Forward only: pending →
 * dispatching → queued/sending/sent → delivered/undelivered/failed; a row left dispatching by a crash becomes
 * unknown (reconciled, never resent blindly); blocked (by the compliance gate) and refused (never sendable, or
 * refused by the provider) are final. Two wait before pending (V170): held (its flow is paused) and
 * awaiting_approval (its enrollment waits for a marketer's approval); released, each is judged again and becomes
 * pending or blocked. SQL text names them by {@link #wire()}.
 */
public enum LedgerStatus {
    PENDING,
    HELD,
    AWAITING_APPROVAL,
    DISPATCHING,
    UNKNOWN,
    BLOCKED,
    REFUSED,
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED;

    /** The name the database, the API and the SQL text use: {@code pending}, {@code sent}… */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exactly as stored; empty for anything else. */
    public static Optional<LedgerStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }
}
