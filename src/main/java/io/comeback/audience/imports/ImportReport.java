package io.comeback.audience.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did. {@code rejected} lists the first rejections by line (up to a configured
 * number, so a file of a million bad rows does not produce a gigabyte answer); {@code rejectedCount}
 * counts them all. What it set in motion in the flows: {@code flows} per flow id (only flows where
 * something happened), {@code entered}, {@code goalsMet} and {@code awaitingApproval} summed over them.
 * {@code format}: how the file was read ({@link CsvFormat}).
 */
public record ImportReport(
        long imported,
        long updated,
        long unchanged,
        long rejectedCount,
        List<Rejection> rejected,
        boolean rejectedTruncated,
        long entered,
        long goalsMet,
        long awaitingApproval,
        Map<String, FlowTally> flows,
        CsvFormat format) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(long line, String field, String reason) {}

    static final class Builder {
        private final int maxListed;
        private final List<Rejection> rejected = new ArrayList<>();
        private long imported;
        private long updated;
        private long unchanged;
        private long rejectedCount;
        private final Map<String, FlowTally> flows = new TreeMap<>();
        private CsvFormat format = CsvFormat.DEFAULT;

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

        /** Called by the merging threads of an import (one per lane) and at its end. */
        synchronized void tally(Map<String, FlowTally> byFlow) {
            byFlow.forEach((flow, tally) -> {
                if (!tally.isEmpty()) {
                    flows.merge(flow, tally, FlowTally::plus);
                }
            });
        }

        synchronized void format(CsvFormat format) {
            this.format = format;
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
                    rejectedCount > rejected.size(),
                    flows.values().stream().mapToLong(t -> t.entered()).sum(),
                    flows.values().stream().mapToLong(t -> t.goalsMet()).sum(),
                    flows.values().stream().mapToLong(t -> t.awaitingApproval()).sum(),
                    java.util.Collections.unmodifiableMap(new TreeMap<>(flows)),
                    format);
        }
    }
}
