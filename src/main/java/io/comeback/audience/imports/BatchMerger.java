package io.comeback.audience.imports;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the database half of an import on its own thread. {@link #submit} blocks while the queue is
 * full (back-pressure on the reader, and so on the HTTP upload); a failure on the merger side
 * surfaces on the next submit or on close, so the import stops at the first database error.
 */
final class BatchMerger implements AutoCloseable {

    interface Merge {
        void accept(ImportBatch batch) throws Exception;
    }

    private static final ImportBatch END = new ImportBatch(new byte[0], -1, 0, true);

    private final BlockingQueue<ImportBatch> queue;
    private final Thread thread;
    private volatile Exception failure;

    BatchMerger(Merge merge, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(
                () -> {
                    try {
                        for (ImportBatch batch = queue.take(); batch != END; batch = queue.take()) {
                            merge.accept(batch);
                        }
                    } catch (Exception e) {
                        failure = e;
                        queue.clear();
                    }
                },
                "csv-import-merge");
        thread.setDaemon(true);
        thread.start();
    }

    void submit(ImportBatch batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
            rethrowFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            while (thread.isAlive() && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
        rethrowFailure();
    }

    void rethrowFailure() {
        Exception e = failure;
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e != null) {
            throw new IllegalStateException("import failed while writing to the database", e);
        }
    }
}
