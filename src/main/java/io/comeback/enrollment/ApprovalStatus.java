package io.comeback.enrollment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code flow_approvals.status} holds (V170): {@code pending} until a marketer decides, then {@code approved}
 * or {@code rejected}. SQL text names them by {@link #wire()}.
 */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exactly as stored; empty for anything else. */
    public static Optional<ApprovalStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }
}
