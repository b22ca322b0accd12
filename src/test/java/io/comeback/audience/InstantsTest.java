package io.comeback.audience;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Instants#parse} takes IsoInstants' shortcut first: it must decide every text as the generic parsers do. */
class InstantsTest {

    @Test
    void agreesWithTheGenericParserOnEveryForm() {
        List<String> texts = List.of(
                "2026-02-01T10:00:00Z", " 2026-02-01T10:00:00Z ", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2024-02-29T12:30:45Z", "2023-02-29T12:30:45Z", "2026-02-30T10:00:00Z", "2026-04-31T10:00:00Z",
                "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-01-00T10:00:00Z", "2026-01-01T24:00:00Z",
                "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T10:00:00z", "2026-01-01 10:00:00Z",
                "2026-1-01T10:00:00Z", "+026-01-01T10:00:00Z", "2026-01-01T10:00:00+02:00", "2026-01-01T10:00:00.5Z",
                "2026-01-01T10:00Z", "2026-01-0xT10:00:00Z", "yesterday", "", "2026-01-01T1٠:00:00Z",
                "2026-05-17T12:00:00-07:00", "2026-05-17T12:00+02:00", "2026-05-17T12:00:00.123456789+05:30");
        for (String text : texts) {
            assertEquals(generic(text).filter(Instants::inRange), Instants.parse(text), text);
        }
        assertEquals(Optional.of(Instant.parse("2024-02-29T12:30:45Z")), Instants.parse("2024-02-29T12:30:45Z"));
        assertTrue(Instants.parse("2026-02-30T10:00:00Z").isEmpty());
    }

    @Test
    void yearsOutsideZeroOneToNineNineNineNineAreRefusedAndSaidSo() {
        for (String text : List.of("+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z")) {
            assertTrue(Instants.parse(text).isEmpty(), text);
            assertTrue(Instants.outOfRange(text), text);
            assertTrue(Instants.problem(text, "x").contains("between the years 0001 and 9999"), text);
        }
        assertEquals(Optional.of(Instants.EARLIEST), Instants.parse("0001-01-01T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("9999-12-31T23:59:59Z")), Instants.parse("9999-12-31T23:59:59Z"));
        assertTrue(Instants.problem("yesterday", "2026-01-01T00:00:00Z").contains("is not an instant; write e.g. 2026-01-01T00:00:00Z"));
    }

    /** What Instants.parse answered before the shortcut: OffsetDateTime, then Instant. */
    private static Optional<Instant> generic(String raw) {
        String s = raw.trim();
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
