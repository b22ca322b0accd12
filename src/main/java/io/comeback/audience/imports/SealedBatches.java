package io.comeback.audience.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The batches an import sealed and has not seen committed yet, and the order they merge in: a batch that
 * shares a claimed key ({@link CsvImport#claim}) with an earlier one waits for that one's commit. A lane that
 * fails marks it here, so lanes waiting for it stop rather than wait on.
 */
final class SealedBatches {

    /** Sealed batches not committed yet, oldest first. Only the reading thread touches this list; lanes only complete the futures. */
    private final List<Sealed> uncommitted = new ArrayList<>();

    private volatile boolean laneFailed;

    /** What a later batch compares its keys with: no rows, so waiting batches hold no memory of earlier ones. */
    private record Sealed(long[] keys, CompletableFuture<Void> committed) {}

    /** A lane that stopped because another failed: the other lane's failure is the one to report. */
    static final class StoppedByAnotherLane extends IllegalStateException {
        StoppedByAnotherLane(String message) {
            super(message);
        }

        StoppedByAnotherLane(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The lane's rows and keys so far as a batch, to merge after the uncommitted batches it shares a key with. */
    ImportBatch seal(ImportLane lane, long lines, long started, boolean last) {
        long[] keys = lane.keys.sorted();
        lane.keys = new KeyHashes();
        uncommitted.removeIf(b -> b.committed().isDone());
        List<CompletableFuture<Void>> after = new ArrayList<>();
        for (Sealed earlier : uncommitted) {
            if (KeyHashes.intersect(keys, earlier.keys())) {
                after.add(earlier.committed());
            }
        }
        ImportBatch batch = new ImportBatch(lane.out.toBytes(), lines, started, last, after, new CompletableFuture<>());
        lane.out = new CopyRowWriter();
        if (keys.length > 0) {
            uncommitted.add(new Sealed(keys, batch.committed()));
        }
        return batch;
    }

    void laneFailed() {
        laneFailed = true;
    }

    void awaitCommitOf(List<CompletableFuture<Void>> earlier) throws InterruptedException {
        for (CompletableFuture<Void> committed : earlier) {
            while (true) {
                if (laneFailed) {
                    throw new StoppedByAnotherLane("import stopped: another connection failed");
                }
                try {
                    committed.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // poll the failure flag again
                } catch (ExecutionException e) {
                    throw new StoppedByAnotherLane("an earlier batch failed", e.getCause());
                }
            }
        }
    }
}
