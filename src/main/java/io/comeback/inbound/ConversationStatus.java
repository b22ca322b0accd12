package io.comeback.inbound;

import java.util.Locale;
import java.util.Optional;

/** What {@code conversations.status} holds: someone should answer ({@code open}), or nobody needs to. */
public enum ConversationStatus {
    OPEN,
    CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationStatus> fromWire(String text) {
        for (ConversationStatus s : values()) {
            if (s.wire().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
