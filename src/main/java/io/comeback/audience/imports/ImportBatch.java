package io.comeback.audience.imports;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A batch of staged rows, as COPY input, handed to a lane's merger.
 *
 * @param after     commits of earlier batches sharing a key with this one: it merges once they are done
 * @param committed completed by the lane once the batch has committed (exceptionally when it failed)
 */
record ImportBatch(
        byte[] copyRows,
        long lastLine,
        long importStarted,
        boolean last,
        List<CompletableFuture<Void>> after,
        CompletableFuture<Void> committed) {

    ImportBatch(byte[] copyRows, long lastLine, long importStarted, boolean last) {
        this(copyRows, lastLine, importStarted, last, List.of(), new CompletableFuture<>());
    }
}
