package io.comeback.messaging;

import io.comeback.messaging.pacing.SenderBuckets;
import io.comeback.messaging.port.SmsGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims only the pending rows their senders have tokens for, in one transaction: lock candidates
 * (SKIP LOCKED), take tokens for all their senders in one statement, mark those that fit
 * {@code dispatching}. Rows that must wait stay {@code pending} and untouched (no attempt counted), and
 * the caller learns how long until the next one fits, to sleep rather than poll.
 */
final class PacedClaim implements DispatchClaim {

    private final SenderBuckets buckets;
    // Tokens this node saw last, to lock no more candidates than can leave (an upper bound: other
    // workers and replicas draw from the same buckets). Empty when unknown or when unpaced rows were seen.
    private volatile Map<String, SenderBuckets.Grant> lastGrants = Map.of();
    private volatile Instant lastGrantsAt = Instant.EPOCH;

    PacedClaim(SenderBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public ClaimedBatch claim(Connection c, SmsGateway gateway, Instant now, int batchSize) throws SQLException {
        c.setAutoCommit(false);
        try {
            ClaimedBatch result = claimInTransaction(c, gateway, now, batchSize);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Not kept: a paced claim takes rows in due order and asks their senders' buckets first, so it finds these like any other. */
    @Override
    public void handOver(List<Long> messageIds) {}

    private ClaimedBatch claimInTransaction(Connection c, SmsGateway gateway, Instant now, int batchSize)
            throws SQLException {
        int limit = candidateLimit(now, batchSize);
        List<DispatchStore.Candidate> candidates = DispatchStore.candidates(c, now, limit);
        if (candidates.isEmpty()) {
            return new ClaimedBatch(List.of(), null);
        }
        List<String> senders = new ArrayList<>(candidates.size());
        List<SenderBuckets.Want> wants = new ArrayList<>(candidates.size());
        for (DispatchStore.Candidate candidate : candidates) {
            // A row without a phone fails without reaching a provider: it needs no tokens.
            String sender = candidate.to() == null ? null : gateway.senderKey(candidate.to());
            senders.add(sender);
            if (sender != null) {
                wants.add(new SenderBuckets.Want(sender, candidate.segments()));
            }
        }
        Map<String, SenderBuckets.Grant> grants = buckets.take(c, now, wants);
        List<Long> picked = new ArrayList<>(candidates.size());
        Map<String, Long> used = new HashMap<>();
        Set<String> full = new HashSet<>();
        Duration wait = null;
        boolean unpacedSeen = false;
        for (int i = 0; i < candidates.size(); i++) {
            DispatchStore.Candidate candidate = candidates.get(i);
            SenderBuckets.Grant grant = senders.get(i) == null ? null : grants.get(senders.get(i));
            if (grant == null) {
                unpacedSeen = true;
                picked.add(candidate.id());
                continue;
            }
            String sender = grant.sender();
            if (full.contains(sender)) {
                continue;
            }
            long segments = Math.max(1, candidate.segments());
            long total = used.getOrDefault(sender, 0L) + segments;
            // The same prefix the bucket statement counted: texts in order while their running total fits.
            if (total <= grant.took() + 1e-6) {
                used.put(sender, total);
                picked.add(candidate.id());
            } else {
                full.add(sender);
                Duration untilFits = grant.untilFits((int) segments);
                wait = wait == null || untilFits.compareTo(wait) < 0 ? untilFits : wait;
            }
        }
        lastGrants = unpacedSeen ? Map.of() : grants;
        lastGrantsAt = now;
        List<DispatchStore.Claimed> claimed = DispatchStore.claimIds(c, now, picked);
        Duration next = wait != null ? wait : (candidates.size() == limit ? Duration.ZERO : null);
        return new ClaimedBatch(claimed, next);
    }

    /** No more candidates than the tokens of the last grants could pay for by now (each text is at least one segment). */
    private int candidateLimit(Instant now, int batchSize) {
        Map<String, SenderBuckets.Grant> grants = lastGrants;
        if (grants.isEmpty()) {
            return batchSize;
        }
        double seconds = Math.max(0, Duration.between(lastGrantsAt, now).toNanos() / 1e9);
        double tokens = 0;
        for (SenderBuckets.Grant grant : grants.values()) {
            tokens += Math.max(0, Math.min(grant.burst(), grant.tokensLeft() + grant.rate() * seconds));
        }
        return (int) Math.max(1, Math.min(batchSize, Math.ceil(tokens) + grants.size()));
    }
}
