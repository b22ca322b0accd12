package io.comeback.audience;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IsoInstantsTest {

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
            assertEquals(text, IsoInstants.format(instant));
            assertEquals(instant, IsoInstants.parse(text));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(29) - 14) * 1800);
            String withOffset = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, offset));
            assertEquals(Instant.parse(withOffset), IsoInstants.parse(withOffset), withOffset);
        }
    }

    @Test
    void readsPostgreSqlsFormsAndRefusesWhatInstantRefuses() {
        assertEquals(Instant.parse("2026-11-23T17:00:22.123456Z"), IsoInstants.parse("2026-11-23T17:00:22.123456+00:00"));
        assertEquals(Instant.parse("2026-11-23T16:00:22Z"), IsoInstants.parse("2026-11-23T17:00:22+01:00"));
        assertEquals(Instant.parse("2026-11-23T17:00:22.1Z"), IsoInstants.parse("2026-11-23T17:00:22.1Z"));
        assertThrows(RuntimeException.class, () -> IsoInstants.parse("2026-02-30T17:00:22Z"));
        assertThrows(RuntimeException.class, () -> IsoInstants.parse("2026-11-23T25:00:22Z"));
        assertThrows(RuntimeException.class, () -> IsoInstants.parse("2026-11-23 17:00:22Z"));
    }
}
