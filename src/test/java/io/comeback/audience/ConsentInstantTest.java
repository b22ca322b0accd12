package io.comeback.audience;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consent-time shortcut of {@link CustomerValidator} must decide every text exactly as {@link Instants#parse}. */
class ConsentInstantTest {

    @Test
    void agreesWithTheGenericParserOnEveryForm() {
        List<String> texts = List.of(
                "2026-02-01T10:00:00Z", " 2026-02-01T10:00:00Z ", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2024-02-29T12:30:45Z", "2023-02-29T12:30:45Z", "2026-02-30T10:00:00Z", "2026-04-31T10:00:00Z",
                "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-01-00T10:00:00Z", "2026-01-01T24:00:00Z",
                "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T10:00:00z", "2026-01-01 10:00:00Z",
                "2026-1-01T10:00:00Z", "+026-01-01T10:00:00Z", "2026-01-01T10:00:00+02:00", "2026-01-01T10:00:00.5Z",
                "2026-01-01T10:00Z", "2026-01-0xT10:00:00Z", "yesterday", "", "2026-01-01T1٠:00:00Z");
        for (String text : texts) {
            assertEquals(Instants.parse(text), CustomerValidator.consentInstant(text), text);
        }
        assertEquals(Optional.of(Instant.parse("2024-02-29T12:30:45Z")), CustomerValidator.consentInstant("2024-02-29T12:30:45Z"));
        assertTrue(CustomerValidator.consentInstant("2026-02-30T10:00:00Z").isEmpty());
    }
}
