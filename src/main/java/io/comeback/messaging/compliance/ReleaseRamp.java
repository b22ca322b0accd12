package io.comeback.messaging.compliance;

import io.comeback.support.Sha256;
import java.time.Duration;
import java.time.Instant;

/**
 * Spreads the texts held back by quiet hours over a ramp after the window ends, so 08:00 is not a
 * burst that trips carrier filters and floods support. Each recipient gets a stable offset derived
 * from their number: the same person is released at the same minute every morning, and the offsets
 * are evenly spread over the ramp.
 */
public record ReleaseRamp(Duration length) {

    public static final ReleaseRamp NONE = new ReleaseRamp(Duration.ZERO);

    public Instant releaseAt(Instant windowEnd, String recipient) {
        long seconds = length.toSeconds();
        if (seconds <= 0) {
            return windowEnd;
        }
        return windowEnd.plusSeconds(Math.floorMod(stableHash(recipient), seconds));
    }

    private static long stableHash(String recipient) {
        byte[] digest = Sha256.of(recipient);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        return h;
    }
}
