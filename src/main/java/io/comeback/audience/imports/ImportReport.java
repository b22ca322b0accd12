package io.comeback.audience.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an import did. {@code rejected} lists the first rejections by line (up to a configured
 * number, so a file of a million bad rows does not produce a gigabyte answer); {@code rejectedCount}
 * counts them all.
 */
public record ImportReport(
        long imported,
        long updated,
        long unchanged,
        long rejectedCount,
        List<Rejection> rejected,
        boolean rejectedTruncated) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(long line, String field, String reason) {}

    static final class Builder {
        private final int maxListed;
        private final List<Rejection> rejected = new ArrayList<>();
        private long imported;
        private long updated;
        private long unchanged;
        private long rejectedCount;

        Builder(int maxListed) {
            this.maxListed = maxListed;
        }

        /** Called by both the reading and the merging thread of an import. */
        synchronized void reject(long line, String field, String reason) {
            rejectedCount++;
            rejected.add(new Rejection(line, field, reason));
            if (rejected.size() > 2 * maxListed) {
                trim();
            }
        }

        /** Called by the merging threads of an import (one per lane). */
        synchronized void count(long imported, long updated, long unchanged) {
            this.imported += imported;
            this.updated += updated;
            this.unchanged += unchanged;
        }

        synchronized long imported() {
            return imported;
        }

        synchronized long updated() {
            return updated;
        }

        synchronized long rejectedCount() {
            return rejectedCount;
        }

        /** Rejections arrive out of line order (row checks first, then set-based ones per batch). */
        private void trim() {
            rejected.sort(Comparator.comparingLong(Rejection::line));
            rejected.subList(Math.min(maxListed, rejected.size()), rejected.size())
                    .clear();
        }

        synchronized ImportReport build() {
            trim();
            return new ImportReport(
                    imported,
                    updated,
                    unchanged,
                    rejectedCount,
                    List.copyOf(rejected),
                    rejectedCount > rejected.size());
        }
    }
}
