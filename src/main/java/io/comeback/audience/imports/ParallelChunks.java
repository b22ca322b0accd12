package io.comeback.audience.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chunks folded by {@code count} threads, each on a connection of its own. Chunks are disjoint and
 * each locks its customers in id order, so the threads never wait for one another. The hand-over
 * queue holds one chunk per thread; the first failure stops the others and surfaces on submit or close.
 */
final class ParallelChunks implements AutoCloseable, FactChunk.Sink {

    private static final FactChunk END = new FactChunk.Listed(new Long[0]);

    private final BlockingQueue<FactChunk> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    ParallelChunks(OrderFactFolds.FoldWorkers workers) {
        queue = new ArrayBlockingQueue<>(workers.count());
        for (int i = 0; i < workers.count(); i++) {
            Thread thread = new Thread(() -> work(workers.source()), "order-fact-fold-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void work(ConnectionSource source) {
        try (Connection c = source.open()) {
            c.setAutoCommit(false);
            try {
                for (FactChunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    if (failure.get() == null) {
                        FactChunk.fold(c, chunk);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            queue.clear();
        }
    }

    /** Hands a chunk to the threads, waiting while all are busy. */
    @Override
    public void accept(FactChunk chunk) throws SQLException {
        put(chunk);
        rethrow();
    }

    private void put(FactChunk chunk) throws SQLException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (threads.stream().noneMatch(Thread::isAlive)) {
                    throw new SQLException("the fact fold's threads are gone");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("fact fold interrupted", e);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            // One end mark per thread; a thread that died takes none, so stop offering once none lives.
            for (int i = 0; i < threads.size(); i++) {
                while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)
                        && threads.stream().anyMatch(Thread::isAlive)) {
                    // the threads are still folding the chunks before the mark
                }
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("fact fold interrupted", e);
        }
        rethrow();
    }

    private void rethrow() throws SQLException {
        Exception e = failure.get();
        if (e instanceof SQLException sql) {
            throw sql;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e != null) {
            throw new SQLException("fact fold failed", e);
        }
    }
}
