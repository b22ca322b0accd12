package io.comeback.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ledger rows this node's wake-up batches just committed as due now, waiting for the dispatcher. The
 * dispatcher claims them by primary key instead of walking the pending index, which during a backlog
 * is mostly entries of rows already sent. Only a hint: the claim checks every row again (still
 * pending, due, consent), an id another node took is simply not returned, and a row never handed over
 * (another node wrote it, this node restarted, the queue was full) is found by the polling claim.
 */
final class HandedOverQueue {

    private final ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    HandedOverQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Adds what fits; the rest is left to the polling claim. */
    void add(List<Long> rows) {
        for (Long id : rows) {
            if (size.incrementAndGet() > capacity) {
                size.decrementAndGet();
                return;
            }
            ids.add(id);
        }
    }

    List<Long> take(int max) {
        List<Long> taken = new ArrayList<>(Math.min(max, Math.max(size.get(), 0)));
        Long id;
        while (taken.size() < max && (id = ids.poll()) != null) {
            size.decrementAndGet();
            taken.add(id);
        }
        return taken;
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }
}
