package io.comeback.gateway.twilio;

import io.agroal.api.AgroalDataSource;
import io.comeback.messaging.StatusUpdate;
import io.comeback.messaging.StatusUpdateSink;
import io.comeback.messaging.port.DeliveryStatus;
import io.comeback.support.GroupCommitWriter;
import io.comeback.support.GroupCommitWriter.Waiting;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Group commit for status callbacks ({@link GroupCommitWriter}). Concurrent callbacks queue up while the previous
 * group is being written; one writer thread takes them all (up to {@code comeback.twilio.status-batch-size})
 * and stores, applies and marks them in ONE transaction — three statements and one WAL flush for
 * the whole group instead of three transactions per callback. Each request is answered only after
 * its group committed, so a 200 still means "stored and applied" (flushed to disk too with
 * {@code comeback.twilio.durable-status-callbacks=true}). Under light load a group is one callback and
 * nothing waits; under heavy load groups grow, which is what keeps the latency flat.
 * <p>
 * A group that fails (a database error) is retried callback by callback on the old path, so one bad
 * callback cannot fail its neighbours.
 */
@ApplicationScoped
public class StatusCallbackBatcher {

    private static final Logger LOG = Logger.getLogger(StatusCallbackBatcher.class);

    private final AgroalDataSource dataSource;
    private final StatusUpdateSink sink;
    private final DeliveryProblemDetector problems;
    private final TwilioCallbackStore store;
    private final StatusCallbacks single;
    private final Clock clock;
    private final boolean durable;
    private final GroupCommitWriter<StatusCallbackBatch.Callback, Boolean> writer;

    StatusCallbackBatcher(
            AgroalDataSource dataSource,
            StatusUpdateSink sink,
            DeliveryProblemDetector problems,
            TwilioCallbackStore store,
            StatusCallbacks single,
            Clock clock,
            TwilioConfig config) {
        this.dataSource = dataSource;
        this.sink = sink;
        this.problems = problems;
        this.store = store;
        this.single = single;
        this.clock = clock;
        this.durable = config.durableStatusCallbacks();
        this.writer = new GroupCommitWriter<>(
                "twilio-status-writer", "status callbacks", config.statusBatchSize(), this::write);
    }

    /** Completes with true when the callback was applied now, false when it had been applied before. */
    CompletableFuture<Boolean> submit(StatusCallbackBatch.Callback callback) {
        return writer.submit(callback);
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.stop();
    }

    private void write(List<Waiting<StatusCallbackBatch.Callback, Boolean>> group) {
        Instant now = clock.instant();
        List<StatusCallbackBatch.Callback> callbacks =
                group.stream().map(Waiting::item).toList();
        Map<String, StatusCallbackBatch.Callback> applied;
        try {
            applied = storeAndApply(callbacks, now);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "A group of %d status callbacks failed; storing them one by one", group.size());
            oneByOne(group);
            return;
        }
        Set<String> ruleFailed = actOnErrorCodes(applied.values());
        for (Waiting<StatusCallbackBatch.Callback, Boolean> pending : group) {
            String key = pending.item().key();
            if (ruleFailed.contains(key)) {
                // Not acknowledged: Twilio repeats it, and the stored, unapplied callback is applied again.
                pending.answer()
                        .completeExceptionally(new IllegalStateException("the error-code rules failed for " + key));
            } else {
                pending.answer().complete(applied.remove(key) != null);
            }
        }
    }

    /** One transaction: store, apply the tracked statuses, mark applied. Returns the callbacks applied, by key. */
    private Map<String, StatusCallbackBatch.Callback> storeAndApply(
            List<StatusCallbackBatch.Callback> callbacks, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!durable) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL synchronous_commit = off");
                    }
                }
                Set<String> toApply = StatusCallbackBatch.store(c, callbacks, now);
                Map<String, StatusCallbackBatch.Callback> applying = new LinkedHashMap<>();
                callbacks.stream()
                        .filter(cb -> toApply.contains(cb.key()))
                        .forEach(cb -> applying.putIfAbsent(cb.key(), cb));
                List<StatusUpdate> updates = new ArrayList<>(applying.size());
                for (StatusCallbackBatch.Callback cb : applying.values()) {
                    DeliveryStatus.fromWire(cb.status())
                            .ifPresent(status -> updates.add(new StatusUpdate(
                                    cb.sid(), cb.messageId(), status, cb.errorCode(), cb.receivedAt())));
                }
                sink.applyAll(c, updates);
                c.commit();
                return applying;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The rules run after the commit (they write elsewhere); their callbacks are marked applied when they are done. */
    private Set<String> actOnErrorCodes(Iterable<StatusCallbackBatch.Callback> applied) {
        Set<String> failed = new java.util.HashSet<>();
        for (StatusCallbackBatch.Callback cb : applied) {
            if (cb.errorCode() == null) {
                continue;
            }
            try {
                problems.onError(cb.errorCode(), cb.to(), cb.sid(), cb.messageId());
                store.statusApplied(cb.sid(), cb.status(), clock.instant());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not act on Twilio error %s of %s", cb.errorCode(), cb.sid());
                failed.add(cb.key());
            }
        }
        return failed;
    }

    private void oneByOne(List<Waiting<StatusCallbackBatch.Callback, Boolean>> group) {
        for (Waiting<StatusCallbackBatch.Callback, Boolean> pending : group) {
            StatusCallbackBatch.Callback cb = pending.item();
            try {
                pending.answer().complete(single.accept(cb.params(), cb.messageId()));
            } catch (RuntimeException e) {
                pending.answer().completeExceptionally(e);
            }
        }
    }
}
