package io.comeback.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Instants#parse} takes {@link Instants#parseIso}'s shortcut first: it must decide every text as the generic
 * parsers do; {@link Instants#parseIso} and {@link Instants#format} read and write what {@link Instant} does.
 */
class InstantsTest {

    @Test
    void agreesWithTheGenericParserOnEveryForm() {
        List<String> texts = List.of(
                "2026-02-01T10:00:00Z",
                " 2026-02-01T10:00:00Z ",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "2024-02-29T12:30:45Z",
                "2023-02-29T12:30:45Z",
                "2026-02-30T10:00:00Z",
                "2026-04-31T10:00:00Z",
                "2026-13-01T10:00:00Z",
                "2026-00-01T10:00:00Z",
                "2026-01-00T10:00:00Z",
                "2026-01-01T24:00:00Z",
                "2026-01-01T23:60:00Z",
                "2026-01-01T23:59:60Z",
                "2026-01-01T10:00:00z",
                "2026-01-01 10:00:00Z",
                "2026-1-01T10:00:00Z",
                "+026-01-01T10:00:00Z",
                "2026-01-01T10:00:00+02:00",
                "2026-01-01T10:00:00.5Z",
                "2026-01-01T10:00Z",
                "2026-01-0xT10:00:00Z",
                "yesterday",
                "",
                "2026-01-01T1٠:00:00Z",
                "2026-05-17T12:00:00-07:00",
                "2026-05-17T12:00+02:00",
                "2026-05-17T12:00:00.123456789+05:30");
        for (String text : texts) {
            assertEquals(generic(text).filter(Instants::inRange), Instants.parse(text), text);
        }
        assertEquals(Optional.of(Instant.parse("2024-02-29T12:30:45Z")), Instants.parse("2024-02-29T12:30:45Z"));
        assertTrue(Instants.parse("2026-02-30T10:00:00Z").isEmpty());
    }

    @Test
    void yearsOutsideZeroOneToNineNineNineNineAreRefusedAndSaidSo() {
        for (String text : List.of(
                "+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            assertTrue(Instants.parse(text).isEmpty(), text);
            assertTrue(Instants.outOfRange(text), text);
            assertTrue(Instants.problem(text, "x").contains("between the years 0001 and 9999"), text);
        }
        assertEquals(Optional.of(Instants.EARLIEST), Instants.parse("0001-01-01T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("9999-12-31T23:59:59Z")), Instants.parse("9999-12-31T23:59:59Z"));
        assertTrue(Instants.problem("yesterday", "2026-01-01T00:00:00Z")
                .contains("is not an instant; write e.g. 2026-01-01T00:00:00Z"));
    }

    @Test
    void writesAndReadsWhatInstantDoes() {
        Random random = new Random(4);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-100L * 365 * 86_400, 9_000L * 365 * 86_400);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertEquals(text, Instants.format(instant));
            assertEquals(instant, Instants.parseIso(text));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(29) - 14) * 1800);
            String withOffset =
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, offset));
            assertEquals(Instant.parse(withOffset), Instants.parseIso(withOffset), withOffset);
        }
    }

    @Test
    void readsPostgreSqlsFormsAndRefusesWhatInstantRefuses() {
        assertEquals(
                Instant.parse("2026-11-23T17:00:22.123456Z"), Instants.parseIso("2026-11-23T17:00:22.123456+00:00"));
        assertEquals(Instant.parse("2026-11-23T16:00:22Z"), Instants.parseIso("2026-11-23T17:00:22+01:00"));
        assertEquals(Instant.parse("2026-11-23T17:00:22.1Z"), Instants.parseIso("2026-11-23T17:00:22.1Z"));
        assertThrows(RuntimeException.class, () -> Instants.parseIso("2026-02-30T17:00:22Z"));
        assertThrows(RuntimeException.class, () -> Instants.parseIso("2026-11-23T25:00:22Z"));
        assertThrows(RuntimeException.class, () -> Instants.parseIso("2026-11-23 17:00:22Z"));
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
