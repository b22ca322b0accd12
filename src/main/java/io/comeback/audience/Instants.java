package io.comeback.audience;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Instants as shops send them: ISO-8601 with Z or an offset ({@code 2026-05-17T12:00:00+02:00}). */
public final class Instants {
    private Instants() {
    }

    public static Optional<Instant> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.trim();
        try {
            // The usual forms without DateTimeFormatter; the others reach it through IsoInstants' fallback or below.
            return Optional.of(IsoInstants.parse(s));
        } catch (DateTimeException fast) {
            // not one of IsoInstants' forms, nor Instant.parse's: try the offset forms OffsetDateTime reads
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeException e) {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeException e2) {
                return Optional.empty();
            }
        }
    }
}
