package io.comeback.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Group commit: callers hand in items and wait for the transaction that holds theirs. Items arriving while the
 * previous group is being written queue up; one writer thread takes them all (up to {@code maxGroup}) and writes
 * them in one transaction, so a burst costs one flush to disk instead of one per item. Under light load a group is
 * one item and nothing waits; under heavy load groups grow, which keeps the latency flat.
 *
 * <p>The writer thread starts with the first item. What the group write does not answer itself fails when it
 * throws; what is still queued when the service stops fails too, so no caller waits forever — the sender (a shop,
 * Twilio) repeats what was not acknowledged.
 *
 * @param <T> what callers hand in
 * @param <R> what each caller is answered once its item is committed
 */
public final class GroupCommitWriter<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class);

    /** One item and the answer its caller waits for. */
    public record Waiting<T, R>(T item, CompletableFuture<R> answer) {}

    /** Writes one group in one transaction and completes each answer; throwing fails every answer not given. */
    @FunctionalInterface
    public interface GroupWrite<T, R> {
        void write(List<Waiting<T, R>> group) throws SQLException;
    }

    private final String threadName;
    private final String what;
    private final int maxGroup;
    private final GroupWrite<T, R> write;
    private final BlockingQueue<Waiting<T, R>> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    /**
     * @param threadName the writer thread's name
     * @param what       what the items are, plural, for the log ("status callbacks")
     * @param maxGroup   most items written in one transaction
     */
    public GroupCommitWriter(String threadName, String what, int maxGroup, GroupWrite<T, R> write) {
        this.threadName = threadName;
        this.what = what;
        this.maxGroup = maxGroup;
        this.write = write;
    }

    /** Completes once the group holding {@code item} committed (or failed). */
    public CompletableFuture<R> submit(T item) {
        startWriter();
        CompletableFuture<R> answer = new CompletableFuture<>();
        if (stopping) {
            answer.completeExceptionally(stoppingError());
            return answer;
        }
        queue.add(new Waiting<>(item, answer));
        if (stopping) {
            // stop() came between the check and the add, perhaps after the writer's last look at the queue.
            failQueued();
        }
        return answer;
    }

    /** Takes no new item; the group under way finishes, what is still queued fails. */
    public void stop() {
        stopping = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread thread = new Thread(this::writeLoop, threadName);
                    thread.setDaemon(true);
                    thread.start();
                    writer = thread;
                }
            }
        }
    }

    private void writeLoop() {
        List<Waiting<T, R>> group = new ArrayList<>(maxGroup);
        while (!stopping) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, maxGroup - 1);
            try {
                write.write(group);
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "Writing a group of %d %s failed", group.size(), what);
                group.forEach(w -> w.answer().completeExceptionally(e));
            }
            group.clear();
        }
        failQueued();
    }

    private void failQueued() {
        Waiting<T, R> left;
        while ((left = queue.poll()) != null) {
            left.answer().completeExceptionally(stoppingError());
        }
    }

    private static IllegalStateException stoppingError() {
        return new IllegalStateException("the service is stopping");
    }
}
