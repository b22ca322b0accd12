package io.comeback.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Chooses the holdout group. Deterministic (a hash of flow, customer and entry number) rather than
 * random, so a retried ingest or a second replica makes the same choice for the same entry.
 */
final class Holdout {

    private Holdout() {}

    static boolean heldOut(String flowId, long customerId, int entryNumber, int percent) {
        if (percent <= 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update((flowId + "|" + customerId + "|" + entryNumber).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < percent;
    }
}
